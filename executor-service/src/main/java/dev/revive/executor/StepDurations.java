package dev.revive.executor;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.metrics.ReviveMetrics;
import dev.revive.executor.plan.BoundedMap;
import dev.revive.executor.plan.StepRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Records step events through {@code delegate} and, for each recorded end of an attempt, the time since its recorded
 * STARTED into {@code revive_step_duration_seconds{action,outcome}}. An attempt's start is remembered until its end
 * (at most {@link #CAPACITY} attempts at once: one whose end is never recorded, because the plan stopped, is forgotten
 * in time). A DRY_RUN attempt has no STARTED and is not timed.
 */
final class StepDurations implements StepRecorder {

    /** The most attempts under way remembered at once. */
    static final int CAPACITY = 1024;

    private final StepRecorder delegate;
    private final ReviveMetrics metrics;
    private final Map<String, Instant> started = new BoundedMap<>(CAPACITY);

    StepDurations(StepRecorder delegate, ReviveMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void record(StepEvent event) {
        delegate.record(event);
        String attempt = event.planId() + "/" + event.stepId() + "/" + event.attempt();
        Instant start;
        synchronized (started) {
            if (event.status() == StepStatus.STARTED) {
                started.put(attempt, event.at());
                return;
            }
            start = started.remove(attempt);
        }
        if (start != null) {
            metrics.stepEnded(event.action(), event.status(), Duration.between(start, event.at()));
        }
    }
}
