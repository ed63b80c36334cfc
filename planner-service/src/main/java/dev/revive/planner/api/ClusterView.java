package dev.revive.planner.api;

import dev.revive.planner.domain.ClusterState;
import java.util.Set;

/**
 * A cluster as the planner sees it now: the answer of {@code GET /clusters/{clusterId}}, an element of
 * {@code GET /clusters}.
 *
 * @param clusterId  the cluster
 * @param registered whether its signed spec is in the planner's {@code cluster-specs} store
 * @param openNodes  the nodes with a fault not yet recovered
 * @param incident   its current incident, or its last one (ended), or null before the first
 */
public record ClusterView(String clusterId, boolean registered, Set<String> openNodes, IncidentView incident) {

    public ClusterView {
        openNodes = openNodes == null ? Set.of() : Set.copyOf(openNodes);
    }

    static ClusterView of(String clusterId, boolean registered, ClusterState state) {
        return state == null ? new ClusterView(clusterId, registered, Set.of(), null)
                : new ClusterView(clusterId, registered, state.openNodes(),
                        state.incident() == null ? null : IncidentView.of(state.incident()));
    }
}
