package dev.revive.executor.plan;

import dev.revive.contracts.execution.StepStatus;

/**
 * The state machine of one step within one run: STARTED, then one terminal status; after a failed
 * or timed-out attempt, STARTED again; after SUCCEEDED or SKIPPED, nothing. {@link #move} throws on
 * any other transition, so the audit trail cannot say something impossible.
 */
final class StepLifecycle {

    private StepStatus current;

    /** Whether {@code next} may follow {@code previous} (null: nothing recorded yet in this run). */
    static boolean allowed(StepStatus previous, StepStatus next) {
        if (previous == null || previous.isTerminal() && !previous.isDone()) {
            return next == StepStatus.STARTED;
        }
        if (previous == StepStatus.STARTED) {
            return next.isTerminal();
        }
        return false;
    }

    /** Moves to {@code next} or throws {@link IllegalStateException}. */
    void move(StepStatus next) {
        if (!allowed(current, next)) {
            throw new IllegalStateException("a step cannot go from " + current + " to " + next);
        }
        current = next;
    }
}
