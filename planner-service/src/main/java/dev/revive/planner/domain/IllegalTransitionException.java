package dev.revive.planner.domain;

/** A move of an incident that its state machine does not allow: a bug in the planner, never bad input. */
public final class IllegalTransitionException extends IllegalStateException {

    private final IncidentState from;
    private final IncidentState to;

    public IllegalTransitionException(IncidentState from, IncidentState to) {
        super("an incident cannot move from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public IncidentState from() {
        return from;
    }

    public IncidentState to() {
        return to;
    }
}
