package dev.revive.planner.domain;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.runbooks.decision.NodeRecovery;
import dev.revive.runbooks.decision.RunbookDecision;
import dev.revive.runbooks.decision.Situation;
import dev.revive.runbooks.decision.Situation.Stage;
import dev.revive.runbooks.diagnosis.Finding;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replacing a member that cannot come back (the kind's {@code Runbook.replacement}; etcd: removed, added back empty as a
 * learner, promoted). After a plan whose START or AWAIT_HEALTHY of a node failed ({@link Incident#notBack()}): once,
 * as the incident's next revision. Asked for by an operator (a REPLACE decision: a lost or corrupt data directory
 * the detector cannot see): a new incident, when the cluster has none under way. Either is planned like a restart —
 * the restart budget, the disruption model against the open faults, the policy's mode — and one that waits for
 * approval is re-checked against the guards when approved.
 */
final class Replacements {

    private final IncidentPlanner planner;
    private final NodeRecovery recovery;
    private final Clock clock;

    Replacements(IncidentPlanner planner, NodeRecovery recovery, Clock clock) {
        this.planner = planner;
        this.recovery = recovery;
        this.clock = clock;
    }

    /**
     * The incident's plan ended without bringing {@link Incident#notBack()} back: the replacement of that node as the
     * next revision; the incident targets that node from then on. No replacement for the kind, or no fault open any
     * more, escalates. When every member is down by then (a crash spread wider than the crash window), the whole
     * cluster is started as one instead.
     */
    Result afterStartFailed(ClusterState state, ClusterSpec spec, Incident incident, String why) {
        if (incident.targetNodeId() != null && SickCluster.allDown(state, spec)) {
            // a crash spread wider than the crash window: the member started alone waited for a quorum that the
            // others, down too, could not give; the whole cluster is started as one instead
            return planner.decide(state, spec, incident.noted(why), Stage.CONFIRMED, false, null);
        }
        OpenFault open = state.openFaults().get(incident.targetKey());
        String node = incident.notBack();
        if (open == null || node == null || spec.node(node).isEmpty()) {
            return planner.end(state, spec, incident, IncidentState.ESCALATED, why, false);
        }
        Incident replacing = incident.replacing(node);
        ClusterState retargeted = state;
        if (!replacing.targetKey().equals(incident.targetKey())) {
            // a cluster-wide incident now answers the one member: its fault moves to that member's key
            retargeted = state.withoutOpenFault(incident.targetKey());
            if (!retargeted.openFaults().containsKey(node)) {
                retargeted = retargeted.withOpenFault(open.on(node));
            }
        }
        Optional<Result> planned = plan(retargeted, spec, replacing, Stage.NEW, false,
                "replacing " + node + ", which did not come back (" + why + ")");
        return planned.orElseGet(() -> planner.end(state, spec, incident, IncidentState.ESCALATED,
                why + "; kind " + spec.kind() + " has no member replacement: a human must decide", false));
    }

    /**
     * An operator's REPLACE of a member: a new incident whose first plan replaces it (waiting for approval where the
     * guards object, DRY_RUN when asked for). Throws {@link InvalidEventException} while an incident is under way, for
     * a node not in the spec, or a kind that cannot replace a member: the request is dead-lettered with the reason.
     */
    Result requested(ClusterState state, ClusterSpec spec, OperatorDecision decision, String incidentId) {
        state.requireNoActiveIncident("member " + decision.nodeId() + " of cluster '" + spec.id()
                + "' cannot be replaced");
        if (spec.node(decision.nodeId()).isEmpty()) {
            throw new InvalidEventException(RejectReason.UNKNOWN_NODE, "nodeId", "node '" + decision.nodeId()
                    + "' is not in the spec of cluster '" + spec.id() + "'");
        }
        OpenFault asked = new OpenFault(decision.nodeId(), List.of(decision.decisionId()),
                List.of(decision.decisionId()), decision.at(), FaultKind.UNHEALTHY, Severity.CRITICAL, "operator",
                Map.of("requestedBy", decision.by(), "reason", decision.reason()));
        Incident incident = Incident.open(incidentId, spec.id(), decision.nodeId(), List.of(decision.decisionId()),
                decision.at()).replacing(decision.nodeId());
        String why = "replacing " + decision.nodeId() + ", asked for by " + decision.by() + " (" + decision.reason()
                + ")";
        Transition opened = new Transition(incidentId, null, IncidentState.OPEN, why);
        return plan(state.withOpenFault(asked).withIncident(incident), spec, incident, Stage.NEW, decision.dryRun(),
                why).orElseThrow(() -> new InvalidEventException(RejectReason.ILLEGAL_TRANSITION, "verdict", "kind "
                        + spec.kind() + " of cluster '" + spec.id() + "' cannot replace a member"))
                .after(new Decision.Wait("opened"), List.of(), List.of(opened));
    }

    /** The approval of a replacement that waited for it: planned again, and refused if the guards object now. */
    Result approved(ClusterState state, ClusterSpec spec, Incident incident, boolean dryRun, String approval) {
        return plan(state, spec, incident, Stage.APPROVED, dryRun, approval).orElseThrow();
    }

    /** The replacement of {@code incident}'s target at {@code stage}, or empty when the kind cannot replace. */
    private Optional<Result> plan(ClusterState state, ClusterSpec spec, Incident incident, Stage stage,
            boolean dryRun, String why) {
        String node = incident.targetNodeId();
        OpenFault open = state.openFaults().get(node);
        Finding finding = open.finding();
        Instant now = clock.instant();
        RestartBudgetTracker budget = new RestartBudgetTracker(state.restarts());
        List<String> budgetConcerns = budget.check(node, spec.policy().restartBudget(), now).stream().toList();
        RunbookDecision decision = recovery.replacement(Situation.fresh(spec, new Finding(node, finding.kind(),
                finding.severity(), finding.source(), finding.observedAt(), finding.evidence()), state.openNodes(),
                budgetConcerns).at(stage, dryRun));
        if (!(decision instanceof RunbookDecision.Plan plan)) {
            return Optional.empty();
        }
        if (stage == Stage.APPROVED && plan.mode() == PlanMode.APPROVAL_REQUIRED) {
            String refused = "approval of plan " + incident.planId() + " (" + why + ") refused: " + plan.modeReason();
            return Optional.of(new Result(state.withIncident(incident.noted(refused)), new Decision.Refuse(refused),
                    List.of(), List.of()));
        }
        PlanMode mode = dryRun && plan.mode() == PlanMode.AUTO ? PlanMode.DRY_RUN : plan.mode();
        String reason = why + (plan.modeReason() == null ? "" : "; " + plan.modeReason());
        RecoveryPlan revision = PlanRevisions.next(incident, mode, reason, plan.steps(),
                planner.diagnosis(state, spec, incident), now);
        return Optional.of(planner.planned(state.withIncident(incident), spec, incident, revision, budget, now));
    }
}
