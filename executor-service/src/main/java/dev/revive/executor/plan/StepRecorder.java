package dev.revive.executor.plan;

import dev.revive.contracts.execution.StepEvent;

/**
 * Where step events go. A recorder either makes the event durable and visible or throws; a step
 * whose STARTED event could not be recorded does not act.
 */
public interface StepRecorder {

    void record(StepEvent event);
}
