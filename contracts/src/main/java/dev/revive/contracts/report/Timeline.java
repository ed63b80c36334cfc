package dev.revive.contracts.report;

import dev.revive.contracts.validation.Check;
import java.time.Duration;
import java.time.Instant;

/**
 * When each phase of a recovery happened.
 *
 * @param detectedAt           the first fault of the incident was observed
 * @param plannedAt            the plan was made
 * @param executionStartedAt   the executor started the first step (null if it never started)
 * @param executionFinishedAt  the executor finished (null if it never finished)
 * @param verifiedAt           the verifier finished its checks
 */
public record Timeline(
        Instant detectedAt, Instant plannedAt, Instant executionStartedAt, Instant executionFinishedAt, Instant verifiedAt) {

    public Timeline {
        Check.required("detectedAt", detectedAt);
        Check.required("plannedAt", plannedAt);
        Check.required("verifiedAt", verifiedAt);
    }

    /** Mean time to recovery of this incident: from detection to verification. */
    public Duration timeToRecovery() {
        return Duration.between(detectedAt, verifiedAt);
    }
}
