package dev.revive.executor.plan;

import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.validation.Check;
import dev.revive.targets.action.StepContext;
import java.time.Clock;
import java.time.Instant;

/** Builds this executor's step events and plan outcomes, with injected ids and time. */
public final class ExecutionEvents {

    private final Clock clock;
    private final IdSource ids;
    private final String executorId;

    public ExecutionEvents(Clock clock, IdSource ids, String executorId) {
        this.clock = clock;
        this.ids = ids;
        this.executorId = Check.id("executorId", executorId);
    }

    public String executorId() {
        return executorId;
    }

    public Instant now() {
        return clock.instant();
    }

    public StepEvent step(StepContext context, int attempt, StepStatus status, long token, String detail) {
        RecoveryPlan plan = context.plan();
        return new StepEvent(ids.next("step"), plan.planId(), plan.incidentId(), plan.clusterId(),
                context.step().stepId(), context.step().action(), context.step().nodeId(), attempt, status, executorId,
                token, bounded(detail), clock.instant());
    }

    public PlanOutcome outcome(RecoveryPlan plan, Outcome outcome, long token, String detail, Instant startedAt) {
        return new PlanOutcome(ids.next("outcome"), plan.planId(), plan.incidentId(), plan.clusterId(), outcome,
                executorId, token, bounded(detail), startedAt, clock.instant());
    }

    private static String bounded(String detail) {
        return detail == null || detail.length() <= Check.MAX_TEXT ? detail
                : detail.substring(0, Check.MAX_TEXT - 1) + "…";
    }
}
