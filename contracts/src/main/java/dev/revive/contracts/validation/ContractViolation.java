package dev.revive.contracts.validation;

/**
 * A value that breaks a contract rule: a missing field, a malformed id, an oversized collection.
 * Always names the offending field (dotted path, e.g. {@code steps[2].nodeId}) so that the
 * error can be reported back to whoever sent it.
 */
public final class ContractViolation extends IllegalArgumentException {

    /** Why a value was rejected. */
    public enum Reason {
        MISSING_FIELD,
        INVALID_ID,
        TOO_LARGE,
        INVALID_VALUE
    }

    private final String field;
    private final Reason reason;
    private final String detail;

    public ContractViolation(String field, Reason reason, String detail) {
        super(field + ": " + detail);
        this.field = field;
        this.reason = reason;
        this.detail = detail;
    }

    /** The dotted path of the offending field. */
    public String field() {
        return field;
    }

    public Reason reason() {
        return reason;
    }

    /** The rule that was broken, without the field name. */
    public String detail() {
        return detail;
    }
}
