package dev.revive.planner.domain;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.runbooks.diagnosis.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The faults of one node (or of the cluster as a whole) seen since it was last fine, and the one that
 * triage answers: the most severe, the newest of equal severity.
 *
 * @param nodeId          the node, or {@link #CLUSTER_WIDE}
 * @param faultIds        the distinct faults, oldest first
 * @param dedupKeys       their dedup keys; a fault with a known key is a duplicate
 * @param firstObservedAt when the first of them was observed
 * @param kind            the triaged fault's kind
 * @param severity        its severity
 * @param source          who saw it
 * @param evidence        what it carried
 */
public record OpenFault(String nodeId, List<String> faultIds, List<String> dedupKeys, Instant firstObservedAt,
        FaultKind kind, Severity severity, String source, Map<String, String> evidence) {

    /** The key of cluster-wide faults; never a node id, because ids cannot contain {@code *}. */
    public static final String CLUSTER_WIDE = "*";
    /** The most fault ids and dedup keys kept per node. */
    public static final int MAX_KEPT = 64;

    public OpenFault {
        faultIds = faultIds == null ? List.of() : List.copyOf(faultIds);
        dedupKeys = dedupKeys == null ? List.of() : List.copyOf(dedupKeys);
        evidence = evidence == null ? Map.of() : Map.copyOf(evidence);
    }

    /** The open-fault key of a node id ({@code null}: the cluster as a whole). */
    public static String keyOf(String nodeId) {
        return nodeId == null ? CLUSTER_WIDE : nodeId;
    }

    /** The open faults of a node that just had its first one. */
    public static OpenFault of(FaultEvent fault) {
        return new OpenFault(keyOf(fault.nodeId()), List.of(fault.faultId()), List.of(fault.dedupKey()),
                fault.observedAt(), fault.kind(), fault.severity(), fault.source(), fault.evidence());
    }

    /** True when {@code fault} adds nothing: its id or its dedup key is already known. */
    public boolean isDuplicate(FaultEvent fault) {
        return faultIds.contains(fault.faultId()) || dedupKeys.contains(fault.dedupKey());
    }

    /** These faults and {@code fault}; lists stop growing at {@link #MAX_KEPT}. */
    public OpenFault with(FaultEvent fault) {
        boolean triaged = severity == null || fault.severity().compareTo(severity) >= 0;
        return new OpenFault(nodeId, bounded(faultIds, fault.faultId()), bounded(dedupKeys, fault.dedupKey()),
                firstObservedAt.isAfter(fault.observedAt()) ? fault.observedAt() : firstObservedAt,
                triaged ? fault.kind() : kind, triaged ? fault.severity() : severity,
                triaged ? fault.source() : source, triaged ? fault.evidence() : evidence);
    }

    /** These faults with one more id and dedup key, nothing else changed; lists stop growing at {@link #MAX_KEPT}. */
    OpenFault withIds(String faultId, String dedupKey) {
        return new OpenFault(nodeId, bounded(faultIds, faultId), bounded(dedupKeys, dedupKey), firstObservedAt, kind,
                severity, source, evidence);
    }

    /** These faults as the open faults of {@code node} (a cluster-wide incident that now answers one member). */
    OpenFault on(String node) {
        return new OpenFault(node, faultIds, dedupKeys, firstObservedAt, kind, severity, source, evidence);
    }

    /** True for the cluster-wide entry. */
    public boolean clusterWide() {
        return CLUSTER_WIDE.equals(nodeId);
    }

    /** What triage and the diagnosis see of these faults. */
    public Finding finding() {
        return new Finding(clusterWide() ? null : nodeId, kind == null ? FaultKind.UNHEALTHY : kind,
                severity == null ? Severity.CRITICAL : severity, source == null ? "unknown" : source,
                firstObservedAt, evidence);
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
