package dev.revive.contracts.plan;

/** What the executor does when a step fails after its retries. */
public enum OnFailure {
    /** Stop the plan and report it aborted. */
    ABORT,
    /** Record the failure and go on with the next step. */
    CONTINUE
}
