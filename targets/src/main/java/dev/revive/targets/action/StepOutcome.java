package dev.revive.targets.action;

import dev.revive.contracts.execution.StepStatus;

/**
 * The result of one attempt of a step.
 *
 * @param status     SUCCEEDED, SKIPPED, FAILED, TIMED_OUT or DRY_RUN
 * @param detail     what was seen or done (or, for DRY_RUN, would be done), in words
 * @param retriable  whether another attempt could do better (false for a plan or spec that cannot work)
 * @param cancelsPlan the step found that the plan's fault no longer holds: the plan ends PLAN_CANCELLED here,
 *                   with this detail, and nothing was touched
 * @param notAdmitted the {@link ActGate} refused right before an act: the run stops without an outcome and
 *                   without recording this attempt's end, as when the fence fails before an attempt
 */
public record StepOutcome(StepStatus status, String detail, boolean retriable, boolean cancelsPlan,
        boolean notAdmitted) {

    public StepOutcome {
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("an attempt ends with a terminal status, not " + status);
        }
        if (cancelsPlan && status != StepStatus.SKIPPED) {
            throw new IllegalArgumentException("a step that cancels its plan did nothing: SKIPPED, not " + status);
        }
        if (notAdmitted && (status != StepStatus.FAILED || retriable || cancelsPlan)) {
            throw new IllegalArgumentException("a step that was not admitted fails for good, and only that");
        }
    }

    public static StepOutcome succeeded(String detail) {
        return new StepOutcome(StepStatus.SUCCEEDED, detail, false, false, false);
    }

    /** The step's effect was already there; nothing was done. */
    public static StepOutcome skipped(String detail) {
        return new StepOutcome(StepStatus.SKIPPED, detail, false, false, false);
    }

    /** Failed, and another attempt may succeed. */
    public static StepOutcome failed(String detail) {
        return new StepOutcome(StepStatus.FAILED, detail, true, false, false);
    }

    /** Failed, and no attempt can succeed (unsupported action, unknown node). */
    public static StepOutcome failedPermanently(String detail) {
        return new StepOutcome(StepStatus.FAILED, detail, false, false, false);
    }

    public static StepOutcome timedOut(String detail) {
        return new StepOutcome(StepStatus.TIMED_OUT, detail, true, false, false);
    }

    /** A dry run: {@code detail} says what the step would have done; nothing was touched. */
    public static StepOutcome dryRun(String detail) {
        return new StepOutcome(StepStatus.DRY_RUN, detail, false, false, false);
    }

    /** The fault the plan was made for no longer holds: nothing was done, and the plan ends PLAN_CANCELLED. */
    public static StepOutcome cancelPlan(String detail) {
        return new StepOutcome(StepStatus.SKIPPED, detail, false, true, false);
    }

    /**
     * The {@link ActGate} refused right before an act: the attempt ends here, and the run stops without an
     * outcome. FAILED and not retriable, so that a caller that ignores {@link #notAdmitted} never counts it done.
     */
    public static StepOutcome notAdmitted(String detail) {
        return new StepOutcome(StepStatus.FAILED, detail, false, false, true);
    }
}
