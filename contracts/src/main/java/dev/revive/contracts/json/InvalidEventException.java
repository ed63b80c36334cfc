package dev.revive.contracts.json;

/**
 * Bytes or headers that are not a valid event. Names the field (a dotted path, or {@code $}
 * for the whole record) and the reason, so it can go to the dead-letter topic or a 400 answer.
 */
public final class InvalidEventException extends RuntimeException {

    private final RejectReason reason;
    private final String field;

    public InvalidEventException(RejectReason reason, String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.reason = reason;
        this.field = field;
    }

    public InvalidEventException(RejectReason reason, String field, String message) {
        this(reason, field, message, null);
    }

    public RejectReason reason() {
        return reason;
    }

    /** The offending field as a dotted path, {@code $} for the record as a whole. */
    public String field() {
        return field;
    }
}
