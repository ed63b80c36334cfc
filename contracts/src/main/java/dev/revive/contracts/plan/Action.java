package dev.revive.contracts.plan;

/** The closed set of things an executor may do. What each does to a node is fixed by its driver. */
public enum Action {
    FENCE_WRITES,
    SNAPSHOT,
    ISOLATE,
    STOP,
    FORCE_KILL,
    CLEAN_TEMP,
    START,
    AWAIT_HEALTHY,
    AWAIT_CAUGHT_UP,
    PROMOTE,
    REJOIN,
    UNFENCE,
    RESTORE_SNAPSHOT,
    REPLACE_MEMBER,
    /**
     * Hand the cluster's leadership from the step's node, if it leads now, to the most caught-up other voter, and wait
     * until that one leads (etcd: {@code moveLeader}); nothing when the node does not lead.
     */
    MOVE_LEADER,
    /** Restart the failed units of work of a node that runs (Kafka Connect: its FAILED tasks), not the process. */
    RESTART_TASKS
}
