package dev.revive.contracts.plan;

/** How far a fault reaches in its cluster. */
public enum DiagnosisScope {
    /** One node has an open fault. */
    ONE_NODE,
    /** Several nodes, but not all, have open faults. */
    SEVERAL_NODES,
    /** The fault names the whole cluster, or every node has one. */
    CLUSTER_WIDE,
    /** Faults spread from node to node within a short while. */
    CASCADING
}
