package dev.revive.planner.api;

/** A request about a plan that exists but cannot take it (not awaiting approval, superseded): answered 409. */
public final class PlanConflictException extends RuntimeException {

    public PlanConflictException(String message) {
        super(message);
    }
}
