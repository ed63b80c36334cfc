package dev.revive.executor.kafka;

/**
 * A transaction on {@code revive.executions} that did not commit. When {@link #fatal()} the
 * producer is unusable (fenced by a newer instance with the same transactional id) and the
 * executor must stop; otherwise the transaction was aborted and may be tried again.
 */
public final class ExecutionLogException extends RuntimeException {

    private final boolean fatal;

    public ExecutionLogException(String message, Throwable cause, boolean fatal) {
        super(message, cause);
        this.fatal = fatal;
    }

    public boolean fatal() {
        return fatal;
    }
}
