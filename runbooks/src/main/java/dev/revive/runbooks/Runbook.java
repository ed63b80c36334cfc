package dev.revive.runbooks;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.disruption.DisruptionModel;

/**
 * The decision side of one system kind: pure, no I/O. One implementation per kind, listed once in
 * {@link Runbooks#standard}.
 */
public interface Runbook {

    /** The kind this runbook is for. */
    SystemKind kind();

    /** What a cluster of this kind can lose at once. */
    DisruptionModel disruption();
}
