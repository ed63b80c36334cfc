package dev.revive.contracts.execution;

/** How a plan ended. */
public enum Outcome {
    /** Every step succeeded or was skipped because its effect was already there (or, in a dry run, was described). */
    PLAN_COMPLETED,
    /** A step failed and the plan stopped; the detail says which and why. */
    PLAN_ABORTED,
    /** The plan stopped before an acting step because its fault no longer held (or it was withdrawn); the detail says why. */
    PLAN_CANCELLED
}
