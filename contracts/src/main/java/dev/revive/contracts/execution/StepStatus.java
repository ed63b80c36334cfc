package dev.revive.contracts.execution;

/** What happened to one attempt of a step. */
public enum StepStatus {
    STARTED,
    SUCCEEDED,
    FAILED,
    SKIPPED,
    TIMED_OUT,
    /** A dry run: the detail says what the step would have done; nothing was touched. */
    DRY_RUN;

    /** True when the attempt is over. */
    public boolean isTerminal() {
        return this != STARTED;
    }

    /** True when the step needs no more attempts: it did what it should, had nothing to do, or was only described. */
    public boolean isDone() {
        return this == SUCCEEDED || this == SKIPPED || this == DRY_RUN;
    }
}
