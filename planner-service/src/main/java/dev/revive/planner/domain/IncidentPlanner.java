package dev.revive.planner.domain;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.time.IdSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The incident workflow of one cluster: at most one active incident at a time; faults that arrive
 * while it is active are kept on it; when it closes, the oldest fault still open opens the next
 * one at once. Pure: every method takes the cluster's state and returns the next one with the
 * decision, so it can be tested without Kafka.
 */
public final class IncidentPlanner {

    private static final String INCIDENT_PREFIX = "inc";

    private final Runbook runbook;
    private final Clock clock;
    private final IdSource ids;

    public IncidentPlanner(Runbook runbook, Clock clock, IdSource ids) {
        this.runbook = runbook;
        this.clock = clock;
        this.ids = ids;
    }

    /** A fault, or a recovery, of a node or of the whole cluster; {@code spec} is its registered cluster. */
    public Result onFault(ClusterState state, ClusterSpec spec, FaultEvent fault) {
        if (state.seen(fault.faultId())) {
            return Result.waiting(state, "fault " + fault.faultId() + " was already handled");
        }
        ClusterState remembered = state.remember(fault.faultId());
        return fault.isRecovery() ? recovered(remembered, spec, fault) : faulted(remembered, spec, fault);
    }

    /** A step event or plan outcome of the executor. */
    public Result onExecution(ClusterState state, ExecutionEvent event) {
        if (!(event instanceof PlanOutcome outcome)) {
            return Result.waiting(state, "step event of plan " + event.planId() + ": nothing to decide");
        }
        Optional<Incident> match = state.activeIncident(outcome.incidentId())
                .filter(incident -> outcome.planId().equals(incident.planId()));
        if (match.isEmpty()) {
            return Result.waiting(state, "outcome of plan " + outcome.planId() + ", which no active incident runs");
        }
        Incident incident = match.get();
        if (outcome.outcome() == Outcome.PLAN_COMPLETED) {
            return Result.waiting(state, "plan " + outcome.planId() + " completed; waiting for the verifier's report");
        }
        if (incident.state() != IncidentState.PLANNED) {
            return Result.waiting(state, "plan " + outcome.planId() + " aborted; incident is already " + incident.state());
        }
        return escalate(state, incident, "plan " + outcome.planId() + " aborted: " + outcome.detail());
    }

    /**
     * A verifier report: CONSISTENT closes the incident. So does DEGRADED while other nodes still
     * have open faults: the plan completed (an aborted plan is reported FAILED), so its node is
     * back, and the cluster is not whole because of the others, whose incident opens next (after
     * a double failure, the second member is restarted once the first restored quorum). Any other
     * verdict escalates.
     */
    public Result onReport(ClusterState state, ClusterSpec spec, RecoveryReport report) {
        Optional<Incident> match = state.activeIncident(report.incidentId());
        if (match.isEmpty()) {
            return Result.waiting(state, "report " + report.reportId() + " is about incident " + report.incidentId()
                    + ", which is not active");
        }
        Incident incident = match.get();
        String why = "verdict " + report.verdict() + " in report " + report.reportId() + " of plan " + report.planId();
        if (report.verdict() == Verdict.CONSISTENT) {
            return close(state.withoutOpenFault(incident.targetKey()), spec, incident, why);
        }
        if (report.verdict() == Verdict.DEGRADED && incident.state() == IncidentState.PLANNED
                && othersStillFaulty(state, incident)) {
            ClusterState rest = state.withoutOpenFault(incident.targetKey());
            return close(rest, spec, incident, why + "; " + incident.targetKey() + " is back, the cluster is not whole"
                    + " while " + rest.openNodes() + " still have open faults");
        }
        if (incident.state() == IncidentState.ESCALATED) {
            return Result.waiting(state, why + "; incident is already escalated");
        }
        return escalate(state, incident, why);
    }

    private static boolean othersStillFaulty(ClusterState state, Incident incident) {
        return state.openFaults().keySet().stream().anyMatch(key -> !key.equals(incident.targetKey()));
    }

    private Result faulted(ClusterState state, ClusterSpec spec, FaultEvent fault) {
        String key = OpenFault.keyOf(fault.nodeId());
        OpenFault known = state.openFaults().get(key);
        boolean duplicate = known != null && known.isDuplicate(fault);
        ClusterState next = duplicate ? state : state.withOpenFault(known == null ? OpenFault.of(fault) : known.with(fault));
        Optional<Incident> active = next.activeIncident();
        if (active.isEmpty()) {
            return openNext(next, spec);
        }
        Incident incident = active.get();
        if (duplicate) {
            return Result.waiting(next, "fault " + fault.faultId() + " repeats an open fault of " + key
                    + "; incident " + incident.incidentId() + " is " + incident.state());
        }
        return Result.waiting(next.withIncident(incident.withFault(fault.faultId())), "fault " + fault.faultId()
                + " of " + key + " kept on incident " + incident.incidentId() + ", which is " + incident.state());
    }

    private Result recovered(ClusterState state, ClusterSpec spec, FaultEvent fault) {
        String key = OpenFault.keyOf(fault.nodeId());
        if (!state.openFaults().containsKey(key)) {
            return Result.waiting(state, key + " recovered but had no open fault");
        }
        ClusterState next = state.withoutOpenFault(key);
        Optional<Incident> active = next.activeIncident();
        if (active.isEmpty()) {
            return openNext(next, spec);
        }
        Incident incident = active.get();
        if (incident.targetKey().equals(key) && !incident.awaitsExecution()) {
            return close(next, spec, incident, key + " recovered (fault " + fault.faultId()
                    + ") while no plan of Revive was running for it");
        }
        return Result.waiting(next, key + " recovered; incident " + incident.incidentId() + " is " + incident.state());
    }

    private Result close(ClusterState state, ClusterSpec spec, Incident incident, String why) {
        Incident closed = incident.moveTo(IncidentState.CLOSED, why);
        Transition transition = new Transition(incident.incidentId(), incident.state(), IncidentState.CLOSED, why);
        return openNext(state.withIncident(closed), spec).after(List.of(transition));
    }

    private Result escalate(ClusterState state, Incident incident, String why) {
        Incident escalated = incident.moveTo(IncidentState.ESCALATED, why);
        Transition transition = new Transition(incident.incidentId(), incident.state(), IncidentState.ESCALATED, why);
        return new Result(state.withIncident(escalated), Decision.escalate(why), List.of(transition));
    }

    /** Opens an incident for the oldest open fault, if there is one and the cluster is registered. */
    private Result openNext(ClusterState state, ClusterSpec spec) {
        Optional<OpenFault> oldest = state.oldestOpenFault();
        if (oldest.isEmpty()) {
            return Result.waiting(state, "no open faults");
        }
        if (spec == null) {
            return Result.waiting(state, "cluster " + state.clusterId() + " is not registered; its open faults wait");
        }
        OpenFault target = oldest.get();
        Incident incident = Incident.open(ids.next(INCIDENT_PREFIX), state.clusterId(),
                target.clusterWide() ? null : target.nodeId(), target.faultIds(), target.firstObservedAt());
        Instant now = clock.instant();
        RestartBudgetTracker budget = new RestartBudgetTracker(state.restarts());
        Decision decision = runbook.decide(spec, incident, state.openNodes(), budget, now);
        return apply(state, spec, incident, decision, budget, now);
    }

    private static Result apply(ClusterState state, ClusterSpec spec, Incident incident, Decision decision,
            RestartBudgetTracker budget, Instant now) {
        List<Transition> transitions = new ArrayList<>();
        transitions.add(new Transition(incident.incidentId(), null, IncidentState.OPEN,
                "faults " + String.join(", ", incident.faultIds()) + " of " + incident.targetKey()));
        Incident next = incident;
        ClusterState stored = state;
        if (decision instanceof Decision.Execute execute) {
            RecoveryPlan plan = execute.plan();
            next = incident.planned(plan);
            if (plan.mode() == PlanMode.AUTO) {
                stored = stored.withRestarts(budget.record(incident.targetNodeId(), now,
                        spec.policy().restartBudget()).history());
            }
        } else if (decision instanceof Decision.Escalate escalate) {
            next = incident.escalated(escalate.reason(), escalate.notice());
        }
        if (next.state() != IncidentState.OPEN) {
            transitions.add(new Transition(incident.incidentId(), IncidentState.OPEN, next.state(), next.note()));
        }
        return new Result(stored.withIncident(next), decision, transitions);
    }
}
