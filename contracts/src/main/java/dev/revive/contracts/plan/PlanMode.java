package dev.revive.contracts.plan;

/** Whether a plan may run by itself, needs a human first, or only describes what would be done. */
public enum PlanMode {
    AUTO,
    APPROVAL_REQUIRED,
    DRY_RUN
}
