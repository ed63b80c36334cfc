package dev.revive.contracts.plan;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

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
    RESTART_TASKS,
    /**
     * Copy a stopped node's data files into the backup location before anything touches them (etcd: its
     * {@code member/snap/db} and WAL files), each written durably with its sha256 recorded; a copy already there
     * with a matching sha256 is kept.
     */
    BACKUP_DATA,
    /**
     * Wait until the cluster as a whole answers again: a leader, and a majority of its voting members healthy (the
     * step names no node). A cluster started from a full crash waits for it before it waits for each member.
     */
    AWAIT_QUORUM;

    private static final Set<Action> ACTING = Collections.unmodifiableSet(EnumSet.of(STOP, FORCE_KILL, CLEAN_TEMP,
            START, MOVE_LEADER, REPLACE_MEMBER, RESTORE_SNAPSHOT, PROMOTE));

    /**
     * True for the actions that change a node or the membership (a process signalled, files removed, a process
     * started, leadership moved, a replica promoted, a member replaced, a data dir restored): a withdrawn plan stops
     * before the next of them, and until the
     * first of them is reported a RECOVERED of the target still cancels the plan.
     */
    public boolean acting() {
        return ACTING.contains(this);
    }
}
