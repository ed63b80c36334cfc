package dev.revive.verifier;

import java.time.Duration;

/** Checks the values of {@link VerifierConfig} at start, so that a bad value stops the service with its key named. */
final class ConfigValidation {

    private ConfigValidation() {
    }

    /** Throws {@link IllegalArgumentException} naming the first key with an unusable value. */
    static void validate(VerifierConfig config) {
        VerifierConfig.Checks checks = config.checks();
        positive("revive.verifier.checks.call-timeout", checks.callTimeout());
        atLeastZero("revive.verifier.checks.settle-time", checks.settleTime());
        positive("revive.verifier.checks.retry-interval", checks.retryInterval());
        if (checks.hashAttempts() < 1 || checks.hashAttempts() > 20) {
            throw new IllegalArgumentException("revive.verifier.checks.hash-attempts must be 1..20 but is "
                    + checks.hashAttempts());
        }
        VerifierConfig.Kafka kafka = config.kafka();
        text("revive.verifier.kafka.group-id", kafka.groupId());
        text("revive.verifier.kafka.transactional-id", kafka.transactionalId());
        atLeastZero("revive.verifier.kafka.reference-wait", kafka.referenceWait());
        positive("revive.verifier.kafka.poll-timeout", kafka.pollTimeout());
        positive("revive.verifier.kafka.failure-backoff", kafka.failureBackoff());
        positive("revive.verifier.kafka.rebuild-backoff-max", kafka.rebuildBackoffMax());
        positive("revive.verifier.kafka.stall-timeout", kafka.stallTimeout());
        if (kafka.maxPlans() < 1) {
            throw new IllegalArgumentException("revive.verifier.kafka.max-plans must be positive but is "
                    + kafka.maxPlans());
        }
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive but is " + value);
        }
    }

    private static void atLeastZero(String key, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + " must not be negative but is " + value);
        }
    }

    private static void text(String key, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
    }
}
