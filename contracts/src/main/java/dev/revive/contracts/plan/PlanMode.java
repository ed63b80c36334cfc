package dev.revive.contracts.plan;

/**
 * Whether a plan may run by itself, needs a human first, only describes what would be done, only tells,
 * or withdraws the earlier revisions of its incident.
 */
public enum PlanMode {
    /** The executor runs it. */
    AUTO,
    /** It waits for an operator's approval (or rejection, or expiry); then a new revision says what happens. */
    APPROVAL_REQUIRED,
    /** The executor walks it and records what each step would do, touching nothing. */
    DRY_RUN,
    /** No steps: it tells readers that a human was told (a warning, a fault no runbook can help). */
    NOTICE,
    /** No steps: the earlier revisions of the incident are withdrawn; an executor stops before its next acting step. */
    CANCEL;

    /** True for the modes an executor acts on (walks) at all. */
    public boolean executable() {
        return this == AUTO || this == DRY_RUN;
    }
}
