package dev.revive.planner.api;

import dev.revive.contracts.plan.PlanMode;
import dev.revive.planner.domain.Incident;
import dev.revive.planner.domain.IncidentState;
import java.time.Instant;
import java.util.List;

/**
 * An incident as the planner sees it now, in {@code GET /clusters/{clusterId}}, {@code GET /clusters} and
 * {@code GET /incidents}.
 *
 * @param incidentId   the incident
 * @param clusterId    the cluster
 * @param state        where it stands
 * @param planId       its newest revision, or null before the first
 * @param mode         that revision's mode, or null
 * @param targetNodeId the node it restarts, or null (cluster-wide)
 * @param faultIds     the faults it answers
 * @param deadline     when its confirm window ends or its approval request expires, or null
 * @param note         why it is in its state
 */
public record IncidentView(String incidentId, String clusterId, IncidentState state, String planId, PlanMode mode,
        String targetNodeId, List<String> faultIds, Instant deadline, String note) {

    static IncidentView of(Incident incident) {
        return new IncidentView(incident.incidentId(), incident.clusterId(), incident.state(), incident.planId(),
                incident.planMode(), incident.targetNodeId(), incident.faultIds(), incident.deadline(),
                incident.note());
    }
}
