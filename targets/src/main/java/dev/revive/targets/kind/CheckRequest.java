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
 */
public record CheckRequest(ClusterSpec spec, Instant restartedAt, int hashAttempts) {

    public CheckRequest {
        Objects.requireNonNull(spec, "spec");
        if (hashAttempts < 1) {
            throw new IllegalArgumentException("hashAttempts must be at least 1");
        }
    }
}
