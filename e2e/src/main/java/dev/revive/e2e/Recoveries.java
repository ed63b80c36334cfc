package dev.revive.e2e;

import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
}
