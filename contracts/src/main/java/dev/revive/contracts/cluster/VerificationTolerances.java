package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;

/**
 * How close "consistent" has to be.
 *
 * @param maxAppliedIndexLag   how far a member's applied raft index may trail the highest one
 * @param recordCountTolerance relative difference allowed between record counts (0.005 = 0.5 %)
 * @param metricsTolerance     relative difference allowed from a metric's baseline (0.15 = ±15 %)
 */
public record VerificationTolerances(long maxAppliedIndexLag, double recordCountTolerance, double metricsTolerance) {

    public VerificationTolerances {
        Check.atLeast("maxAppliedIndexLag", maxAppliedIndexLag, 0);
        fraction("recordCountTolerance", recordCountTolerance);
        fraction("metricsTolerance", metricsTolerance);
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
