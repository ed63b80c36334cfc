package dev.revive.service.api;

/** Kafka did not acknowledge a record within the API's ack timeout, or refused it. */
public final class NotAcknowledgedException extends RuntimeException {

    public NotAcknowledgedException(String message, Throwable cause) {
        super(message, cause);
    }
}
