package dev.revive.targets.action;

/**
 * Carries out one {@code Action} of a plan step. Every handler checks the real state first, so that
 * repeating a step is harmless, and takes every command, path and endpoint from the step's signed spec.
 */
public interface ActionHandler {

    /** One attempt of the step. Failures of the managed system come back as FAILED / TIMED_OUT outcomes. */
    StepOutcome execute(StepContext context) throws InterruptedException;

    /**
     * What {@link #execute} would do now, in words, for a dry run: the argv it would start, the signal and pid,
     * the paths it would clean, the member it would snapshot. It may read state; it never changes any.
     */
    String describe(StepContext context);
}
