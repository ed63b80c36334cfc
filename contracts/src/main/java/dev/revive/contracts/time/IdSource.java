package dev.revive.contracts.time;

import java.util.UUID;

/**
 * Where new ids come from, injected like a {@code Clock} so that domain code never calls
 * {@code UUID.randomUUID()} itself and tests can use predictable ids.
 */
@FunctionalInterface
public interface IdSource {

    /** A new id {@code prefix-<unique>}, valid under the contracts' id rule when the prefix is. */
    String next(String prefix);

    /** Random UUID-based ids. */
    static IdSource random() {
        return prefix -> prefix + "-" + UUID.randomUUID();
    }

    /** Ids {@code prefix-1}, {@code prefix-2}, … for tests. */
    static IdSource sequential() {
        java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();
        return prefix -> prefix + "-" + counter.incrementAndGet();
    }
}
