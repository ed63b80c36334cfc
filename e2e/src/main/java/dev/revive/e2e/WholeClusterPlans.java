package dev.revive.e2e;

import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.RecoveryPlan;
import java.time.Duration;
import java.time.Instant;

/** The full-crash plan as the event log shows it: one cluster-wide plan that backs up each member's data first. */
final class FullRestarts {

    private FullRestarts() {
    }

    /**
     * The first cluster-wide plan with BACKUP_DATA steps created at or after {@code since}, within {@code timeout}.
     *
     * @throws IllegalStateException when none comes in time
     */
    static RecoveryPlan await(EventLog events, Instant since, Duration timeout) throws InterruptedException {
        return Polling.await("plan that starts the whole cluster", timeout, () -> events.plans().stream()
                .filter(plan -> !plan.createdAt().isBefore(since) && plan.scope() == PlanScope.CLUSTER)
                .filter(plan -> plan.steps().stream().anyMatch(step -> step.action() == Action.BACKUP_DATA))
                .findFirst());
    }
}
