package dev.revive.detector.api;

/** A request names a cluster that has no loaded spec. */
public final class UnknownClusterException extends RuntimeException {

    private final String clusterId;

    public UnknownClusterException(String clusterId) {
        super("cluster '" + clusterId + "' is not registered");
        this.clusterId = clusterId;
    }

    public String clusterId() {
        return clusterId;
    }
}
