package dev.revive.planner.domain;

import dev.revive.contracts.plan.Diagnosis;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.runbooks.Texts;
import java.time.Instant;
import java.util.List;

/**
 * Builds the next plan revision of an incident: {@code <incidentId>-r<revision>}, revision one more than the
 * incident's newest, its faults as the reason, the diagnosis on every revision.
 */
final class PlanRevisions {

    private PlanRevisions() {
    }

    /** The next revision of {@code incident} with these steps and mode. */
    static RecoveryPlan next(Incident incident, PlanMode mode, String modeReason, List<PlanStep> steps,
            Diagnosis diagnosis, Instant now) {
        int revision = incident.revision() + 1;
        PlanScope scope = incident.targetNodeId() == null ? PlanScope.CLUSTER : PlanScope.NODE;
        return new RecoveryPlan(Incident.planId(incident.incidentId(), revision), incident.incidentId(),
                incident.clusterId(), revision, scope, mode, Texts.bounded(modeReason), incident.faultIds(), steps,
                incident.detectedAt(), now, diagnosis);
    }

    /** A NOTICE revision without steps: tells readers of the plans topic what happened and that nothing runs. */
    static RecoveryPlan notice(Incident incident, String why, Diagnosis diagnosis, Instant now) {
        return next(incident, PlanMode.NOTICE, why, List.of(), diagnosis, now);
    }

    /** A CANCEL revision without steps: withdraws the incident's earlier revisions. */
    static RecoveryPlan cancel(Incident incident, String why, Diagnosis diagnosis, Instant now) {
        return next(incident, PlanMode.CANCEL, why, List.of(), diagnosis, now);
    }
}
