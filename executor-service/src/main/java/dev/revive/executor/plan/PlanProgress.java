package dev.revive.executor.plan;

import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What earlier runs did for a plan, read back from its committed step events, so that a restarted
 * executor continues after the last done step instead of starting over.
 */
public final class PlanProgress {

    private final Map<String, StepProgress> steps;
    private final PlanOutcome outcome;
    private final Instant startedAt;

    private PlanProgress(Map<String, StepProgress> steps, PlanOutcome outcome, Instant startedAt) {
        this.steps = Map.copyOf(steps);
        this.outcome = outcome;
        this.startedAt = startedAt;
    }

    /** No earlier run. */
    public static PlanProgress none() {
        return new PlanProgress(Map.of(), null, null);
    }

    /** The progress told by a plan's events, in the order they were written. */
    public static PlanProgress of(List<ExecutionEvent> events) {
        Map<String, StepProgress> steps = new HashMap<>();
        PlanOutcome outcome = null;
        Instant startedAt = null;
        for (ExecutionEvent event : events) {
            if (event instanceof PlanOutcome finished) {
                outcome = finished;
            } else if (event instanceof StepEvent step) {
                steps.merge(step.stepId(), StepProgress.NONE.after(step), (earlier, none) -> earlier.after(step));
                if (startedAt == null && step.status() == StepStatus.STARTED) {
                    startedAt = step.at();
                }
            }
        }
        return new PlanProgress(steps, outcome, startedAt);
    }

    /** The outcome an earlier run published, if any. */
    public Optional<PlanOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /** When an earlier run started the plan's first step, if one did. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    /** Whether no earlier run recorded anything. */
    public boolean isEmpty() {
        return steps.isEmpty() && outcome == null;
    }

    /** What earlier runs did for one step. */
    public StepProgress step(String stepId) {
        return steps.getOrDefault(stepId, StepProgress.NONE);
    }

    /**
     * What earlier runs did for one step.
     *
     * @param lastAttempt the highest attempt number recorded (0: none)
     * @param failures    how many attempts ended FAILED or TIMED_OUT
     * @param lastStatus  the status of its last event, or null
     * @param lastDetail  the detail of its last event, or null
     */
    public record StepProgress(int lastAttempt, int failures, StepStatus lastStatus, String lastDetail) {

        static final StepProgress NONE = new StepProgress(0, 0, null, null);

        StepProgress after(StepEvent event) {
            boolean failed = event.status().isTerminal() && !event.status().isDone();
            return new StepProgress(Math.max(lastAttempt, event.attempt()), failures + (failed ? 1 : 0),
                    event.status(), event.detail());
        }

        /** The step succeeded or was skipped: it needs nothing more. */
        public boolean done() {
            return lastStatus != null && lastStatus.isDone();
        }

        /** The step's last attempt failed and it used up its {@code attempts}. */
        public boolean exhausted(int attempts) {
            return lastStatus != null && lastStatus.isTerminal() && !done() && failures >= attempts;
        }

        /** The attempt number of the next attempt. */
        public int nextAttempt() {
            return lastAttempt + 1;
        }

        /** How many attempts are left of {@code attempts}; an attempt cut short by a crash is not counted. */
        public int remainingAttempts(int attempts) {
            return Math.max(1, attempts - failures);
        }
    }
}
