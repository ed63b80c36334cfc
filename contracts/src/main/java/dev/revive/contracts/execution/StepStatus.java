package dev.revive.contracts.execution;

/** What happened to one attempt of a step. */
public enum StepStatus {
    STARTED,
    SUCCEEDED,
    FAILED,
    SKIPPED,
    TIMED_OUT;

    /** True when the attempt is over. */
    public boolean isTerminal() {
        return this != STARTED;
    }

    /** True when the step needs no more attempts: it did what it should or had nothing to do. */
    public boolean isDone() {
        return this == SUCCEEDED || this == SKIPPED;
    }
}
