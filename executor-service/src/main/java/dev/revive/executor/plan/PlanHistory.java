package dev.revive.executor.plan;

import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.plan.RecoveryPlan;
import java.util.List;

/** Reads back what executors already did for a plan: its committed step events and outcome. */
public interface PlanHistory {

    /**
     * The committed events of {@code plan}, in the order they were written. Only events written
     * after the plan was created can belong to it, so implementations need not read older history.
     */
    List<ExecutionEvent> eventsOf(RecoveryPlan plan);
}
