package dev.revive.targets.kind;

import dev.revive.contracts.cluster.ClusterSpec;
import java.time.Instant;
import java.util.Objects;

/**
 * What one round of verification checks works from.
 *
 * @param spec         the registered cluster (its policy holds the tolerances)
 * @param restartedAt  when the plan restarted its node (the START step), or null when it did not; log checks
 *                     look at lines written since then
 * @param hashAttempts how often a data comparison may be retried in one round while writes move on
 * @param planId       the plan whose outcome is verified (a kind finds what its own steps recorded under it, such as
 *                     Kafka's baseline of high watermarks), or null outside a plan
 * @param detectedAt   when the incident's first fault was observed (the end of the "before the fault" window of a
 *                     throughput comparison), or null outside a plan
 */
public record CheckRequest(ClusterSpec spec, Instant restartedAt, int hashAttempts, String planId, Instant detectedAt) {

    public CheckRequest {
        Objects.requireNonNull(spec, "spec");
        if (hashAttempts < 1) {
            throw new IllegalArgumentException("hashAttempts must be at least 1");
        }
    }

    /** A request outside any plan. */
    public CheckRequest(ClusterSpec spec, Instant restartedAt, int hashAttempts) {
        this(spec, restartedAt, hashAttempts, null, null);
    }
}
