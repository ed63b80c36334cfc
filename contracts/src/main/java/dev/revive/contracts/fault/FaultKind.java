package dev.revive.contracts.fault;

/** What was observed to be wrong (or right again) with a node or a cluster. */
public enum FaultKind {
    PROCESS_DOWN,
    UNREACHABLE,
    UNHEALTHY,
    RESOURCE_EXHAUSTED,
    DISK_FULL,
    LOG_ERROR,
    LOCK_CONTENTION,
    REPLICA_DIVERGED,
    /** The node runs and answers, but a unit of its work failed (a Kafka Connect task): restart the work first. */
    TASK_FAILED,
    RECOVERED
}
