package dev.revive.contracts.state;

import java.util.Set;

/** A state machine was asked for a move its table does not allow; the message says which and what is allowed. */
public final class IllegalTransitionException extends IllegalStateException {

    private final String machine;
    private final String from;
    private final String to;

    public IllegalTransitionException(String machine, Enum<?> from, Enum<?> to, Set<? extends Enum<?>> allowed) {
        super("illegal " + machine + " transition " + from + " -> " + to + " (allowed from " + from + ": "
                + (allowed.isEmpty() ? "none, it is final" : allowed) + ")");
        this.machine = machine;
        this.from = String.valueOf(from);
        this.to = String.valueOf(to);
    }

    /** Which machine refused ("incident", "step", …). */
    public String machine() {
        return machine;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }
}
