package dev.revive.targets.kind;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.runbooks.disruption.ClusterView;

/** Reads the live membership of a cluster of one kind; every call bounded, never throws for a silent node. */
@FunctionalInterface
public interface StatusReader {

    /** One view per node of {@code spec}, in spec order. */
    ClusterView read(ClusterSpec spec);
}
