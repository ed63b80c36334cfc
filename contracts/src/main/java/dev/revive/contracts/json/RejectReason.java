package dev.revive.contracts.json;

/** Why an incoming record or request was rejected; written to the dead-letter headers. */
public enum RejectReason {
    /** Not JSON, or not the shape of the type. */
    MALFORMED,
    /** Larger than {@link EventCodec#MAX_BYTES}, or a list, map or text over its bound. */
    TOO_LARGE,
    MISSING_FIELD,
    INVALID_ID,
    INVALID_VALUE,
    /** A CloudEvent type or polymorphic type name this version does not know. */
    UNKNOWN_TYPE,
    /** A known event type at a version this service does not read. */
    UNSUPPORTED_VERSION,
    /** Valid, but about a cluster that is not registered. */
    UNKNOWN_CLUSTER,
    /** Valid, but about a node that its registered cluster does not have. */
    UNKNOWN_NODE,
    /** Valid, but it would move an incident, a plan or a step where its state machine does not allow. */
    ILLEGAL_TRANSITION,
    /** Valid, but about a plan that never arrived (e.g. an outcome of an unknown plan). */
    UNKNOWN_PLAN,
    /** A cluster spec without a signature, or one no trusted operator key verifies. */
    UNTRUSTED_SPEC,
    /**
     * A notification a webhook refused for good (a 4xx other than 408, 425 and 429) or did not take within its
     * attempts; the dead letter's value is the body that was sent, its field the webhook's name.
     */
    NOTIFICATION_FAILED
}
