package dev.revive.planner.domain;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the planner remembers about one cluster (the value of the per-cluster state store):
 * its current or last incident, the faults still open per node, the restart history for the
 * restart budget, and the ids of recent faults so that a replayed record changes nothing.
 *
 * @param clusterId      the cluster
 * @param incident       the current incident, or the last one (closed), or null before the first
 * @param openFaults     per node id (or {@link OpenFault#CLUSTER_WIDE}) the faults not yet recovered
 * @param restarts       per node id the times Revive planned an automatic restart of it
 * @param recentFaultIds the ids of the last {@link #MAX_RECENT_FAULT_IDS} faults and operator decisions seen
 */
public record ClusterState(
        String clusterId,
        Incident incident,
        Map<String, OpenFault> openFaults,
        Map<String, List<Instant>> restarts,
        List<String> recentFaultIds) {

    /** How many recent fault ids are remembered for replay detection. */
    public static final int MAX_RECENT_FAULT_IDS = 256;

    public ClusterState {
        openFaults = openFaults == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(openFaults));
        restarts = restarts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(restarts));
        recentFaultIds = recentFaultIds == null ? List.of() : List.copyOf(recentFaultIds);
    }

    /** A cluster the planner has not seen before. */
    public static ClusterState empty(String clusterId) {
        return new ClusterState(clusterId, null, Map.of(), Map.of(), List.of());
    }

    /** The incident that holds the cluster, if any. */
    public Optional<Incident> activeIncident() {
        return Optional.ofNullable(incident).filter(Incident::active);
    }

    /**
     * Throws {@link InvalidEventException} (ILLEGAL_TRANSITION) when an incident is under
     * way: an operator's request ({@code what}, "cluster 'a' cannot be rolled back") opens an incident of its own only
     * on a cluster that has none; the reason says which one holds it and how to end it.
     */
    public void requireNoActiveIncident(String what) {
        Optional<Incident> active = activeIncident();
        if (active.isPresent()) {
            throw new InvalidEventException(RejectReason.ILLEGAL_TRANSITION, "verdict", what + " now: incident "
                    + active.get().incidentId() + " is " + active.get().state()
                    + "; end it first (reject its plan, or wait for its report)");
        }
    }

    /** The active incident if its id is {@code incidentId}. */
    public Optional<Incident> activeIncident(String incidentId) {
        return activeIncident().filter(active -> active.incidentId().equals(incidentId));
    }

    /** The nodes with an open fault (cluster-wide faults name no node), sorted. */
    public Set<String> openNodes() {
        Set<String> nodes = new TreeSet<>(openFaults.keySet());
        nodes.remove(OpenFault.CLUSTER_WIDE);
        return nodes;
    }

    /** The open fault observed first (ties: by key), which the next incident answers. */
    public Optional<OpenFault> oldestOpenFault() {
        return openFaults.values().stream()
                .min(Comparator.comparing(OpenFault::firstObservedAt).thenComparing(OpenFault::nodeId));
    }

    /** True when a fault (or decision) with this id was seen recently. */
    public boolean seen(String faultId) {
        return recentFaultIds.contains(faultId);
    }

    /** This state remembering {@code faultId}; the oldest id is forgotten past the bound. */
    public ClusterState remember(String faultId) {
        List<String> ids = new ArrayList<>(recentFaultIds);
        ids.add(faultId);
        if (ids.size() > MAX_RECENT_FAULT_IDS) {
            ids.remove(0);
        }
        return new ClusterState(clusterId, incident, openFaults, restarts, ids);
    }

    public ClusterState withIncident(Incident next) {
        return new ClusterState(clusterId, next, openFaults, restarts, recentFaultIds);
    }

    public ClusterState withOpenFault(OpenFault fault) {
        Map<String, OpenFault> faults = new TreeMap<>(openFaults);
        faults.put(fault.nodeId(), fault);
        return new ClusterState(clusterId, incident, faults, restarts, recentFaultIds);
    }

    public ClusterState withoutOpenFault(String key) {
        Map<String, OpenFault> faults = new TreeMap<>(openFaults);
        faults.remove(key);
        return new ClusterState(clusterId, incident, faults, restarts, recentFaultIds);
    }

    /** True when the active incident has a deadline (confirm window, approval expiry) at or before {@code now}. */
    public boolean due(Instant now) {
        return activeIncident().map(Incident::deadline).filter(deadline -> !deadline.isAfter(now)).isPresent();
    }

    public ClusterState withRestarts(Map<String, List<Instant>> history) {
        return new ClusterState(clusterId, incident, openFaults, history, recentFaultIds);
    }
}
