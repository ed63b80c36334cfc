package dev.revive.executor.lock;

/** A call to the coordination etcd that failed or did not answer in time. */
public final class CoordinationException extends RuntimeException {

    public CoordinationException(String message, Throwable cause) {
        super(message, cause);
    }
}
