package dev.revive.targets.kind;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;

/** Asks one node of a kind whether it answers as it should; returns within its timeout and never throws. */
@FunctionalInterface
public interface NodeProbe {

    /** Probes {@code node} of {@code spec}. */
    ProbeResult probe(ClusterSpec spec, NodeSpec node);
}
