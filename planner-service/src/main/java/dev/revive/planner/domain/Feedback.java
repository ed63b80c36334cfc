package dev.revive.planner.domain;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * What the executor's events and the verifier's reports do to the incident that runs the plan they name. Events
 * of other plans (earlier revisions, ended incidents: replays) change nothing; an event that would move the
 * incident where its table does not allow throws {@code IllegalTransitionException}.
 */
final class Feedback {

    private final IncidentPlanner planner;

    Feedback(IncidentPlanner planner) {
        this.planner = planner;
    }

    Result onExecution(ClusterState state, ClusterSpec spec, ExecutionEvent event) {
        Optional<Incident> match = state.activeIncident(event.incidentId())
                .filter(incident -> event.planId().equals(incident.planId()));
        if (match.isEmpty()) {
            return Result.waiting(state, "event " + event.eventId() + " of plan " + event.planId()
                    + ", which no active incident runs");
        }
        Incident incident = match.get();
        if (event instanceof StepEvent step) {
            return onStep(state, incident, step);
        }
        PlanOutcome outcome = (PlanOutcome) event;
        String why = "plan " + outcome.planId() + " " + outcome.outcome() + ": " + outcome.detail();
        return switch (outcome.outcome()) {
            case PLAN_COMPLETED -> completed(state, spec, incident, why);
            case PLAN_ABORTED -> incident.startFailed() && !incident.replacing()
                    ? planner.replacements().afterStartFailed(state, spec, incident, why)
                    : planner.end(state, spec, incident, IncidentState.ESCALATED, why, false);
            case PLAN_CANCELLED -> planner.end(state, spec, incident, IncidentState.CANCELLED, why, false);
        };
    }

    /**
     * A plan that ran to its end: the verifier's report decides, unless a member it started did not come back (a
     * cluster-wide plan carries on past a member whose START fails), which is replaced first.
     */
    private Result completed(ClusterState state, ClusterSpec spec, Incident incident, String why) {
        if (incident.state() == IncidentState.VERIFYING) {
            return Result.waiting(state, why + "; already verifying");
        }
        if (incident.startFailed() && !incident.replacing()) {
            return planner.replacements().afterStartFailed(state, spec, incident,
                    why + ", but " + incident.notBack() + " did not start");
        }
        return move(state, incident, IncidentState.VERIFYING, why + "; waiting for the verifier's report");
    }

    /**
     * A verifier report: CONSISTENT closes the incident, and so does any report of a DRY_RUN plan (the dry run is
     * done). DEGRADED closes it too while other nodes still have open faults: the plan completed, so its node is
     * back, and the cluster is not whole because of the others, whose incident opens next. INCONSISTENT gets a
     * rollback proposal that waits for approval, where the kind can roll back and the incident has not yet. Else
     * ESCALATED.
     */
    Result onReport(ClusterState state, ClusterSpec spec, RecoveryReport report) {
        Optional<Incident> match = state.activeIncident(report.incidentId());
        if (match.isEmpty()) {
            return Result.waiting(state, "report " + report.reportId() + " is about incident " + report.incidentId()
                    + ", which is not active");
        }
        Incident incident = match.get();
        if (!report.planId().equals(incident.planId())) {
            return Result.waiting(state, "report " + report.reportId() + " is about plan " + report.planId()
                    + ", which revision " + incident.planId() + " of incident " + incident.incidentId() + " replaced");
        }
        if (!incident.state().runsPlan()) {
            IncidentState.TABLE.ensure(incident.state(), IncidentState.VERIFYING);
        }
        String why = "verdict " + report.verdict() + " in report " + report.reportId() + " of plan " + report.planId();
        if (report.verdict() == Verdict.CONSISTENT) {
            return planner.end(state, spec, incident, IncidentState.CLOSED, why, false);
        }
        if (incident.planMode() == PlanMode.DRY_RUN) {
            return planner.end(state, spec, incident, IncidentState.CLOSED, "dry run done; " + why, false);
        }
        if (report.verdict() == Verdict.DEGRADED && othersStillFaulty(state, incident)) {
            return planner.end(state, spec, incident, IncidentState.CLOSED, why + "; " + incident.targetKey()
                    + " is back, the cluster is not whole while other nodes still have open faults", false);
        }
        if (report.verdict() == Verdict.INCONSISTENT) {
            Optional<Result> rollback = planner.rollbacks().propose(state, spec, incident, report, why);
            if (rollback.isPresent()) {
                return rollback.get();
            }
        }
        return planner.end(state, spec, incident, IncidentState.ESCALATED, why, false);
    }

    private static Result onStep(ClusterState state, Incident incident, StepEvent step) {
        boolean acting = step.action().acting() && incident.planMode() == PlanMode.AUTO;
        Incident seen = acting && !incident.acted() ? incident.withActed() : incident;
        if (startFailed(incident, step)) {
            seen = seen.withNotBack(step.nodeId());
        }
        String why = "step " + step.stepId() + " of plan " + step.planId() + " " + step.status();
        if (incident.state() == IncidentState.EXECUTING || incident.state() == IncidentState.VERIFYING) {
            return Result.waiting(state.withIncident(seen), why);
        }
        return move(state, seen, IncidentState.EXECUTING, why);
    }

    /**
     * True when {@code step} says a node the incident restarts did not come back: the START or AWAIT_HEALTHY of its
     * target, or of any member in a cluster-wide plan, failed.
     */
    private static boolean startFailed(Incident incident, StepEvent step) {
        return (step.action() == Action.START || step.action() == Action.AWAIT_HEALTHY)
                && step.nodeId() != null
                && (incident.targetNodeId() == null || step.nodeId().equals(incident.targetNodeId()))
                && (step.status() == StepStatus.FAILED || step.status() == StepStatus.TIMED_OUT);
    }

    private static Result move(ClusterState state, Incident incident, IncidentState next, String why) {
        Incident moved = incident.moveTo(next, why);
        return new Result(state.withIncident(moved), new Decision.Wait(why), List.of(),
                List.of(new Transition(incident.incidentId(), incident.state(), next, why)));
    }

    private static boolean othersStillFaulty(ClusterState state, Incident incident) {
        return state.openFaults().keySet().stream().anyMatch(key -> !key.equals(incident.targetKey()));
    }
}
