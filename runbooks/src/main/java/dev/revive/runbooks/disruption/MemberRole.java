package dev.revive.runbooks.disruption;

/** The role a live member plays right now, as the system itself reports it. */
public enum MemberRole {
    /** Raft / ZooKeeper leader, or active controller. */
    LEADER,
    FOLLOWER,
    PRIMARY,
    REPLICA,
    /** A non-voting member. */
    LEARNER,
    /** It did not answer, or the kind cannot tell. */
    UNKNOWN
}
