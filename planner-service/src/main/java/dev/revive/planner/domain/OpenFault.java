package dev.revive.planner.domain;

import dev.revive.contracts.fault.FaultEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The faults of one node (or of the cluster as a whole) seen since it was last fine.
 *
 * @param nodeId          the node, or {@link #CLUSTER_WIDE}
 * @param faultIds        the distinct faults, oldest first
 * @param dedupKeys       their dedup keys; a fault with a known key is a duplicate
 * @param firstObservedAt when the first of them was observed
 */
public record OpenFault(String nodeId, List<String> faultIds, List<String> dedupKeys, Instant firstObservedAt) {

    /** The key of cluster-wide faults; never a node id, because ids cannot contain {@code *}. */
    public static final String CLUSTER_WIDE = "*";
    /** The most fault ids and dedup keys kept per node. */
    public static final int MAX_KEPT = 64;

    public OpenFault {
        faultIds = faultIds == null ? List.of() : List.copyOf(faultIds);
        dedupKeys = dedupKeys == null ? List.of() : List.copyOf(dedupKeys);
    }

    /** The open-fault key of a node id ({@code null}: the cluster as a whole). */
    public static String keyOf(String nodeId) {
        return nodeId == null ? CLUSTER_WIDE : nodeId;
    }

    /** The first fault of a node. */
    public static OpenFault of(FaultEvent fault) {
        return new OpenFault(keyOf(fault.nodeId()), List.of(fault.faultId()), List.of(fault.dedupKey()),
                fault.observedAt());
    }

    /** True when {@code fault} adds nothing: its id or its dedup key is already known. */
    public boolean isDuplicate(FaultEvent fault) {
        return faultIds.contains(fault.faultId()) || dedupKeys.contains(fault.dedupKey());
    }

    /** These faults and {@code fault}; lists stop growing at {@link #MAX_KEPT}. */
    public OpenFault with(FaultEvent fault) {
        return new OpenFault(nodeId, bounded(faultIds, fault.faultId()), bounded(dedupKeys, fault.dedupKey()),
                firstObservedAt.isAfter(fault.observedAt()) ? fault.observedAt() : firstObservedAt);
    }

    /** True for the cluster-wide entry. */
    public boolean clusterWide() {
        return CLUSTER_WIDE.equals(nodeId);
    }

    private static List<String> bounded(List<String> values, String value) {
        if (values.contains(value) || values.size() >= MAX_KEPT) {
            return values;
        }
        List<String> more = new ArrayList<>(values);
        more.add(value);
        return more;
    }
}
