package dev.revive.executor.plan;

import dev.revive.contracts.execution.ExecutionEvent;
import java.util.List;

/** Reads back what executors already did for a plan: its committed step events and outcome. */
public interface PlanHistory {

    /** The committed events of {@code planId} on cluster {@code clusterId}, in the order they were written. */
    List<ExecutionEvent> eventsOf(String clusterId, String planId);
}
