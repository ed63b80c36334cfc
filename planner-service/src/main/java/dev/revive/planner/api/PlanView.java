package dev.revive.planner.api;

import dev.revive.contracts.plan.PlanMode;
import dev.revive.planner.domain.Incident;
import dev.revive.planner.domain.IncidentState;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /plans/{planId}}: the incident the plan belongs to, as the planner sees it now.
 *
 * @param planId        the plan asked about
 * @param current       whether it is the incident's newest revision
 * @param clusterId     the cluster
 * @param incidentId    the incident
 * @param state         where the incident stands
 * @param currentPlanId the incident's newest revision
 * @param mode          that revision's mode
 * @param targetNodeId  the node it restarts, or null
 * @param faultIds      the faults it answers
 * @param deadline      when its confirm window ends or its approval request expires, or null
 * @param note          why it is in its state (an approval refusal says so here)
 */
public record PlanView(String planId, boolean current, String clusterId, String incidentId, IncidentState state,
        String currentPlanId, PlanMode mode, String targetNodeId, List<String> faultIds, Instant deadline,
        String note) {

    static PlanView of(String planId, Incident incident) {
        return new PlanView(planId, planId.equals(incident.planId()), incident.clusterId(), incident.incidentId(),
                incident.state(), incident.planId(), incident.planMode(), incident.targetNodeId(), incident.faultIds(),
                incident.deadline(), incident.note());
    }
}
