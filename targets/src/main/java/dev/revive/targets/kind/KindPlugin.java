package dev.revive.targets.kind;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.UnsupportedKindException;

/**
 * The I/O side of one system kind: its probe, its live-membership reader and its verification checks,
 * each behind one interface. One implementation per kind, listed once in {@link TargetKinds#standard}.
 * A side the kind does not have throws {@link UnsupportedKindException}.
 */
public interface KindPlugin extends AutoCloseable {

    /** The kind this plug-in is for. */
    SystemKind kind();

    /** The detector's probe of one node. */
    NodeProbe probe();

    /** The live-membership reader the disruption guard and the await steps use. */
    StatusReader status();

    /** The verifier's checks. */
    ClusterCheckSet checks();

    /** Releases the plug-in's clients. */
    @Override
    void close();
}
