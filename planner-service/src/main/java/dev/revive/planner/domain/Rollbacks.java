package dev.revive.planner.domain;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.runbooks.Texts;
import dev.revive.runbooks.decision.NodeRecovery;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rolling a whole cluster back to a snapshot (the kind's {@code Runbook.rollback}). Proposed after an INCONSISTENT
 * report of an incident's plan (the data is wrong, which a restart cannot repair): a revision that waits for approval,
 * since it takes every member down; the approval runs it. Asked for by an operator (a ROLLBACK decision): the request
 * is the approval, and a new incident runs it at once, when the cluster has none under way. Never twice in one
 * incident: a rollback whose report is not CONSISTENT escalates.
 */
final class Rollbacks {

    private final IncidentPlanner planner;
    private final NodeRecovery recovery;
    private final Clock clock;

    Rollbacks(IncidentPlanner planner, NodeRecovery recovery, Clock clock) {
        this.planner = planner;
        this.recovery = recovery;
        this.clock = clock;
    }

    /**
     * The rollback proposed after {@code report} (INCONSISTENT) of {@code incident}'s plan, waiting for approval; empty
     * when the incident rolls back already or its kind cannot.
     */
    Optional<Result> propose(ClusterState state, ClusterSpec spec, Incident incident, RecoveryReport report,
            String why) {
        if (incident.rollingBack()) {
            return Optional.empty();
        }
        Optional<List<PlanStep>> steps = recovery.rollback(spec, null);
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        String failing = report.checks().stream().filter(check -> check.status() == CheckStatus.FAIL)
                .map(check -> check.name() + ": " + check.observed()).collect(Collectors.joining("; "));
        String reason = why + (failing.isEmpty() ? "" : " (" + failing + ")") + ": the data is wrong and a restart "
                + "cannot repair it; proposing to roll every member back to the newest verified snapshot taken before "
                + "the rollback, which takes the whole cluster down: a human decides";
        Incident rolling = incident.rollingBackTo(null);
        ClusterState whole = state;
        OpenFault target = state.openFaults().get(incident.targetKey());
        if (target != null && !target.clusterWide()) {
            // the rollback answers the cluster as a whole: the incident's fault moves to the cluster-wide key
            whole = state.withoutOpenFault(incident.targetKey()).withOpenFault(target.on(OpenFault.CLUSTER_WIDE));
        }
        return Optional.of(plan(whole, spec, rolling, PlanMode.APPROVAL_REQUIRED, reason, steps.get()));
    }

    /** The approval of {@code incident}'s rollback proposal: the same rollback, AUTO (DRY_RUN when asked for). */
    Result approved(ClusterState state, ClusterSpec spec, Incident incident, boolean dryRun, String approval) {
        List<PlanStep> steps = recovery.rollback(spec, incident.rollbackSnapshot()).orElseThrow();
        PlanMode mode = dryRun || spec.policy().mode() == PlanMode.DRY_RUN ? PlanMode.DRY_RUN : PlanMode.AUTO;
        return plan(state, spec, incident, mode, approval + (mode == PlanMode.DRY_RUN ? ", as a dry run" : ""), steps);
    }

    /**
     * An operator's ROLLBACK of the cluster: a new incident whose first plan rolls it back (DRY_RUN when asked for or
     * under a DRY_RUN policy). Throws {@link InvalidEventException} (ILLEGAL_TRANSITION) while an incident is under
     * way, or when the kind cannot roll back: the request is dead-lettered with the reason.
     */
    Result requested(ClusterState state, ClusterSpec spec, OperatorDecision decision, String incidentId) {
        state.requireNoActiveIncident("cluster '" + spec.id() + "' cannot be rolled back");
        Optional<List<PlanStep>> steps = recovery.rollback(spec, decision.snapshot());
        if (steps.isEmpty()) {
            throw new InvalidEventException(RejectReason.ILLEGAL_TRANSITION, "verdict", "kind " + spec.kind()
                    + " of cluster '" + spec.id() + "' cannot roll back to a snapshot");
        }
        Incident incident = Incident.open(incidentId, spec.id(), null, List.of(decision.decisionId()), decision.at())
                .rollingBackTo(decision.snapshot());
        String snapshot = decision.snapshot() == null ? "the newest verified snapshot" : "snapshot "
                + decision.snapshot();
        String reason = "rollback to " + snapshot + " asked for by " + decision.by() + " (" + decision.reason() + ")";
        PlanMode mode = decision.dryRun() || spec.policy().mode() == PlanMode.DRY_RUN ? PlanMode.DRY_RUN
                : PlanMode.AUTO;
        Transition opened = new Transition(incidentId, null, IncidentState.OPEN, reason);
        return plan(state.withIncident(incident), spec, incident, mode, reason, steps.get())
                .after(new Decision.Wait("opened"), List.of(), List.of(opened));
    }

    private Result plan(ClusterState state, ClusterSpec spec, Incident incident, PlanMode mode, String reason,
            List<PlanStep> steps) {
        Instant now = clock.instant();
        RecoveryPlan revision = PlanRevisions.next(incident, mode, Texts.bounded(reason), steps,
                planner.diagnosis(state, spec, incident), now);
        return planner.planned(state.withIncident(incident), spec, incident, revision,
                new RestartBudgetTracker(state.restarts()), now);
    }
}
