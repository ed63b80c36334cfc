package dev.revive.runbooks;

import dev.revive.contracts.cluster.SystemKind;

/**
 * A registry has nothing for a kind (or a driver): the typed answer to "unsupported". Callers turn it
 * into an escalation, a permanent step failure or a dead letter, never into a guess.
 */
public final class UnsupportedKindException extends RuntimeException {

    /** Which side of the seam was asked. */
    public enum Side {
        /** The planner's runbook of a kind. */
        RUNBOOK,
        /** The detector's probe of a kind. */
        PROBE,
        /** The live-membership reader of a kind. */
        STATUS,
        /** The verifier's checks of a kind. */
        CHECKS,
        /** An executor action of a kind. */
        ACTION,
        /** A node driver for a control spec. */
        DRIVER
    }

    private final Side side;
    private final String what;

    public UnsupportedKindException(Side side, String what, String detail) {
        super("no " + side.name().toLowerCase(java.util.Locale.ROOT) + " for " + what + (detail == null ? "" : ": " + detail));
        this.side = side;
        this.what = what;
    }

    /** A kind the registry of {@code side} does not know. */
    public static UnsupportedKindException of(Side side, SystemKind kind) {
        return new UnsupportedKindException(side, "kind " + kind, null);
    }

    public Side side() {
        return side;
    }

    /** The kind, driver or action that is unsupported, in words. */
    public String what() {
        return what;
    }
}
