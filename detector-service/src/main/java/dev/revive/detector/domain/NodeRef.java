package dev.revive.detector.domain;

import java.util.Objects;

/**
 * The node a monitor watches.
 *
 * @param clusterId its cluster
 * @param nodeId    its id in the cluster spec
 * @param endpoint  the client URL that is probed
 */
public record NodeRef(String clusterId, String nodeId, String endpoint) {

    public NodeRef {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public String toString() {
        return clusterId + "/" + nodeId;
    }
}
