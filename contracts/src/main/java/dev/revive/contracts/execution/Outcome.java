package dev.revive.contracts.execution;

/** How a plan ended. */
public enum Outcome {
    /** Every step succeeded or was skipped because its effect was already there. */
    PLAN_COMPLETED,
    /** A step failed and the plan stopped; the detail says which and why. */
    PLAN_ABORTED
}
