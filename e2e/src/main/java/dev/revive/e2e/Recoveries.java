package dev.revive.e2e;

import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Questions about what the event log shows Revive did for one node. */
public final class Recoveries {

    private final EventLog events;

    public Recoveries(EventLog events) {
        this.events = events;
    }

    /** Plans created at or after {@code since} whose steps act on {@code nodeId}. */
    public List<RecoveryPlan> plansFor(String nodeId, Instant since) {
        return events.plans().stream()
                .filter(plan -> !plan.createdAt().isBefore(since))
                .filter(plan -> plan.steps().stream().map(PlanStep::nodeId).anyMatch(nodeId::equals))
                .toList();
    }

    /** Plans whose reason names any of {@code faultIds}. */
    public List<RecoveryPlan> plansCausedBy(Set<String> faultIds) {
        return events.plans().stream().filter(plan -> plan.reason().stream().anyMatch(faultIds::contains)).toList();
    }

    /** Reports of the given plans. */
    public List<RecoveryReport> reportsOf(List<RecoveryPlan> plans) {
        Set<String> planIds = plans.stream().map(RecoveryPlan::planId).collect(Collectors.toSet());
        return events.reports().stream().filter(report -> planIds.contains(report.planId())).toList();
    }

    /** The first report of a plan for {@code nodeId} created at or after {@code since}, if there is one yet. */
    public Optional<RecoveryReport> reportFor(String nodeId, Instant since) {
        return reportsOf(plansFor(nodeId, since)).stream().findFirst();
    }

    /** The plan a report is about. */
    public Optional<RecoveryPlan> planOf(RecoveryReport report) {
        return events.plans().stream().filter(plan -> Objects.equals(plan.planId(), report.planId())).findFirst();
    }

    /** The plans a report is expected for: those the executor runs (AUTO and DRY_RUN revisions). */
    public List<RecoveryPlan> executedPlans() {
        return events.plans().stream().filter(plan -> plan.mode().executable()).toList();
    }

    /** The newest revision of every incident, by incident id. */
    public Map<String, RecoveryPlan> newestRevisions() {
        Map<String, RecoveryPlan> newest = new TreeMap<>();
        events.plans().forEach(plan -> newest.merge(plan.incidentId(), plan,
                (a, b) -> a.revision() >= b.revision() ? a : b));
        return newest;
    }

    /**
     * True when no incident is under way: every incident's newest revision is a notice or a cancel, an approval
     * request an operator rejected, or a plan that was run and reported.
     */
    public boolean nothingUnderWay() {
        Set<String> rejected = events.decisions().stream().filter(decision -> decision.verdict() == DecisionVerdict.REJECT)
                .map(OperatorDecision::planId).collect(Collectors.toSet());
        Set<String> reported = events.reports().stream().map(RecoveryReport::planId).collect(Collectors.toSet());
        return newestRevisions().values().stream().allMatch(plan -> switch (plan.mode()) {
            case NOTICE, CANCEL -> true;
            case APPROVAL_REQUIRED -> rejected.contains(plan.planId());
            case AUTO, DRY_RUN -> reported.contains(plan.planId());
        });
    }

    /** The step events of a plan. */
    public List<StepEvent> stepsOf(RecoveryPlan plan) {
        return events.executions().stream().filter(StepEvent.class::isInstance).map(StepEvent.class::cast)
                .filter(step -> step.planId().equals(plan.planId())).toList();
    }

    /** The step events of the given plans. */
    public List<StepEvent> stepsOf(List<RecoveryPlan> plans) {
        return plans.stream().flatMap(plan -> stepsOf(plan).stream()).toList();
    }

    /** The outcomes of the given plans. */
    public List<PlanOutcome> outcomesOf(List<RecoveryPlan> plans) {
        Set<String> planIds = plans.stream().map(RecoveryPlan::planId).collect(Collectors.toSet());
        return events.executions().stream().filter(PlanOutcome.class::isInstance).map(PlanOutcome.class::cast)
                .filter(outcome -> planIds.contains(outcome.planId())).toList();
    }

    /**
     * The incidents that have a plan now: a scenario takes them before it acts and leaves their plans out, since
     * a later revision of an earlier incident's plan (created after the scenario began) is not the scenario's.
     */
    public Set<String> incidentsSoFar() {
        return events.plans().stream().map(RecoveryPlan::incidentId).collect(Collectors.toSet());
    }
}
