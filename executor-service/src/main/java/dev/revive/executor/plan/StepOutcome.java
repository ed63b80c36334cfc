package dev.revive.executor.plan;

import dev.revive.contracts.execution.StepStatus;

/**
 * The result of one attempt of a step.
 *
 * @param status    SUCCEEDED, SKIPPED, FAILED or TIMED_OUT
 * @param detail    what was seen or done, in words
 * @param retriable whether another attempt could do better (false for a plan or spec that cannot work)
 */
public record StepOutcome(StepStatus status, String detail, boolean retriable) {

    public StepOutcome {
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("an attempt ends with a terminal status, not " + status);
        }
    }

    public static StepOutcome succeeded(String detail) {
        return new StepOutcome(StepStatus.SUCCEEDED, detail, false);
    }

    /** The step's effect was already there; nothing was done. */
    public static StepOutcome skipped(String detail) {
        return new StepOutcome(StepStatus.SKIPPED, detail, false);
    }

    /** Failed, and another attempt may succeed. */
    public static StepOutcome failed(String detail) {
        return new StepOutcome(StepStatus.FAILED, detail, true);
    }

    /** Failed, and no attempt can succeed (unsupported action, unknown node). */
    public static StepOutcome failedPermanently(String detail) {
        return new StepOutcome(StepStatus.FAILED, detail, false);
    }

    public static StepOutcome timedOut(String detail) {
        return new StepOutcome(StepStatus.TIMED_OUT, detail, true);
    }
}
