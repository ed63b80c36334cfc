package dev.revive.verifier.report;

/** An outcome the verifier cannot report on; the reason decides how it is rejected. */
public final class VerifierException extends RuntimeException {

    /** Why the outcome cannot be reported on. */
    public enum Reason {
        /** No spec of the outcome's cluster arrived within the wait. */
        UNKNOWN_CLUSTER,
        /** The outcome's plan did not arrive within the wait. */
        UNKNOWN_PLAN,
        /** The plan belongs to another cluster or incident than the outcome says. */
        MISMATCHED_PLAN
    }

    private final Reason reason;
    private final String field;

    public VerifierException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The field of the outcome that is at fault. */
    public String field() {
        return field;
    }
}
