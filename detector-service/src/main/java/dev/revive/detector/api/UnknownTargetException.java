package dev.revive.detector.api;

import dev.revive.contracts.json.RejectReason;

/** A request names a cluster that has no loaded spec, or a node that its cluster does not have. */
public final class UnknownTargetException extends RuntimeException {

    private final RejectReason reason;
    private final String field;

    private UnknownTargetException(RejectReason reason, String field, String detail) {
        super(detail);
        this.reason = reason;
        this.field = field;
    }

    /** The cluster is not registered. */
    public static UnknownTargetException cluster(String clusterId) {
        return new UnknownTargetException(RejectReason.UNKNOWN_CLUSTER, "clusterId",
                "cluster '" + clusterId + "' is not registered");
    }

    /** The cluster is registered but has no such node. */
    public static UnknownTargetException node(String clusterId, String nodeId) {
        return new UnknownTargetException(RejectReason.UNKNOWN_NODE, "nodeId",
                "'" + nodeId + "' is not a node of cluster '" + clusterId + "'");
    }

    /** {@link RejectReason#UNKNOWN_CLUSTER} or {@link RejectReason#UNKNOWN_NODE}. */
    public RejectReason reason() {
        return reason;
    }

    /** The field that names the unknown target. */
    public String field() {
        return field;
    }
}
