package dev.revive.targets;

/** A call to a managed system or a node that did not succeed, classified so callers can decide. */
public final class TargetException extends RuntimeException {

    /** How the call failed. */
    public enum Kind {
        /** Nothing listens at the endpoint: the process is most likely down. */
        REFUSED,
        /** No answer within the timeout: the node is hung or the network is cut. */
        TIMEOUT,
        /** The system answered with an error. */
        FAILED,
        /** The local action (signal, start, file operation) could not be done. */
        LOCAL
    }

    private final Kind kind;

    public TargetException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public TargetException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
