package dev.revive.planner.domain;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.runbooks.decision.NodeRecovery;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A cluster sick as a whole: every node of its spec has an open fault of one family. Either each is of a kind whose
 * members run ({@link NodeRecovery#ROLLED_FAULTS}: all members logging "Too many open files", a threshold crossed on
 * all), and the node faults become one cluster-wide fault that a rolling restart answers, instead of one node restart
 * after another that the disruption model would refuse or that would restart the leader first; or every member is
 * down ({@link NodeRecovery#DOWN_FAULTS}), and they become one that the kind's full restart answers, instead of one
 * member started alone that waits for a quorum that never comes.
 */
final class SickCluster {

    private SickCluster() {
    }

    /**
     * The node faults (and a cluster-wide one, if open) of {@code state} merged into one cluster-wide open fault, when
     * the cluster is sick as a whole, either way; else empty.
     */
    static Optional<OpenFault> merged(ClusterState state, ClusterSpec spec) {
        return merged(state, spec, NodeRecovery.ROLLED_FAULTS).or(() -> merged(state, spec, NodeRecovery.DOWN_FAULTS));
    }

    /** True when every node of {@code spec} has an open fault of a member that is down ({@link NodeRecovery#DOWN_FAULTS}). */
    static boolean allDown(ClusterState state, ClusterSpec spec) {
        return merged(state, spec, NodeRecovery.DOWN_FAULTS).isPresent();
    }

    /**
     * The node faults (and a cluster-wide one, if open) merged into one cluster-wide open fault when every node's is
     * of one of {@code family}; else empty. The merged fault is triaged as its most severe fault of the family (the
     * oldest of equal severity), observed since the first, sustained only when every node's fault was.
     */
    private static Optional<OpenFault> merged(ClusterState state, ClusterSpec spec, Set<FaultKind> family) {
        List<OpenFault> nodeFaults = new ArrayList<>();
        for (NodeSpec node : spec.nodes()) {
            OpenFault fault = state.openFaults().get(node.id());
            if (fault == null || fault.kind() == null || !family.contains(fault.kind())) {
                return Optional.empty();
            }
            nodeFaults.add(fault);
        }
        List<OpenFault> all = new ArrayList<>(nodeFaults);
        Optional.ofNullable(state.openFaults().get(OpenFault.CLUSTER_WIDE)).ifPresent(all::add);
        OpenFault triaged = all.stream().filter(fault -> family.contains(fault.kind()))
                .max(Comparator.comparing(OpenFault::severity)
                .thenComparing(OpenFault::firstObservedAt, Comparator.reverseOrder())).orElseThrow();
        Map<String, String> evidence = new LinkedHashMap<>(triaged.evidence());
        evidence.put("members", nodeFaults.stream().map(fault -> fault.nodeId() + " " + fault.kind())
                .collect(Collectors.joining(", ")));
        if (nodeFaults.stream().anyMatch(fault -> fault.evidence().containsKey("sustained"))) {
            evidence.put("sustained", Boolean.toString(nodeFaults.stream()
                    .allMatch(fault -> "true".equals(fault.evidence().get("sustained")))));
        }
        OpenFault merged = new OpenFault(OpenFault.CLUSTER_WIDE, List.of(), List.of(),
                all.stream().map(OpenFault::firstObservedAt).min(Comparator.naturalOrder()).orElseThrow(),
                triaged.kind(), triaged.severity(), triaged.source(), evidence);
        for (OpenFault fault : all) {
            for (int i = 0; i < fault.faultIds().size(); i++) {
                merged = merged.withIds(fault.faultIds().get(i),
                        i < fault.dedupKeys().size() ? fault.dedupKeys().get(i) : fault.faultIds().get(i));
            }
        }
        return Optional.of(merged);
    }
}
