package dev.revive.planner.api;

/** A request about a plan the planner does not know: answered 404. */
public final class UnknownPlanException extends RuntimeException {

    public UnknownPlanException(String planId) {
        super("plan '" + planId + "' is unknown to the planner");
    }
}
