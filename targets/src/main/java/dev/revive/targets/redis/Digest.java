package dev.revive.targets.redis;

import java.util.Objects;

/**
 * A digest of one node's whole keyspace: equal digests mean equal data.
 *
 * @param value  the digest, hex
 * @param method how it was taken
 * @param keys   how many keys it covers (-1 when Redis computed it and did not say)
 */
public record Digest(String value, Method method, long keys) {

    /** How a digest was taken. */
    public enum Method {
        /** Redis' own {@code DEBUG DIGEST}: independent of encodings and orders. */
        DEBUG_DIGEST,
        /**
         * SHA-256 over every key (SCAN) and its serialised value (DUMP), in key order, where DEBUG is refused.
         * Expiry times are not covered.
         */
        SCAN_DUMP
    }

    public Digest {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(method, "method");
    }
}
