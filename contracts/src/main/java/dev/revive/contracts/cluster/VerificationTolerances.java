package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.time.Duration;

/**
 * How close "consistent" has to be.
 *
 * @param maxAppliedIndexLag   how far a member's applied raft index may trail the highest one
 * @param recordCountTolerance relative difference allowed between record counts (0.005 = 0.5 %)
 * @param metricsTolerance     relative difference allowed from a metric's baseline (0.15 = ±15 %)
 * @param throughputWindow     how long the windows are whose throughput is compared, the one after recovery with
 *                             the one before the fault (absent: {@link #DEFAULT_THROUGHPUT_WINDOW}, the runbook's)
 */
public record VerificationTolerances(long maxAppliedIndexLag, double recordCountTolerance, double metricsTolerance,
        Duration throughputWindow) {

    /** The throughput window when a spec gives none: the collection runbook's minute. */
    public static final Duration DEFAULT_THROUGHPUT_WINDOW = Duration.ofMinutes(1);

    public VerificationTolerances {
        Check.atLeast("maxAppliedIndexLag", maxAppliedIndexLag, 0);
        fraction("recordCountTolerance", recordCountTolerance);
        fraction("metricsTolerance", metricsTolerance);
        throughputWindow = Check.positive("throughputWindow",
                throughputWindow == null ? DEFAULT_THROUGHPUT_WINDOW : throughputWindow);
    }

    /** Tolerances with the default throughput window (the form of specs written before it). */
    public VerificationTolerances(long maxAppliedIndexLag, double recordCountTolerance, double metricsTolerance) {
        this(maxAppliedIndexLag, recordCountTolerance, metricsTolerance, null);
    }

    /** These tolerances with {@code window} as the throughput window. */
    public VerificationTolerances withThroughputWindow(Duration window) {
        return new VerificationTolerances(maxAppliedIndexLag, recordCountTolerance, metricsTolerance, window);
    }

    public static VerificationTolerances defaults() {
        return new VerificationTolerances(100, 0.005, 0.15);
    }

    private static void fraction(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ContractViolation(field, Reason.INVALID_VALUE, "must be a fraction in [0, 1] but was " + value);
        }
    }
}
