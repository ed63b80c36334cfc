package dev.revive.contracts.cluster;

/**
 * The configured role of a node. For raft systems such as etcd the leader is elected, so every
 * voting node is a {@code MEMBER} and the current leader is asked from the cluster at plan time.
 */
public enum NodeRole {
    MEMBER,
    LEARNER,
    PRIMARY,
    REPLICA,
    BROKER,
    CONTROLLER
}
