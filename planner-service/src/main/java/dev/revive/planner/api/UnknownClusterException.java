package dev.revive.planner.api;

/** A request about a cluster the planner neither has registered nor holds state of: answered 404. */
public final class UnknownClusterException extends RuntimeException {

    public UnknownClusterException(String clusterId) {
        super("cluster '" + clusterId + "' is unknown to the planner");
    }
}
