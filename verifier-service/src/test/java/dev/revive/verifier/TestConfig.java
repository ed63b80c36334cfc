package dev.revive.verifier;

import java.time.Duration;

/** A {@link VerifierConfig} for tests that start a {@link VerifierRuntime} without the application. */
final class TestConfig implements VerifierConfig {

    @Override
    public Checks checks() {
        return new Checks() {
            @Override
            public Duration callTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration settleTime() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration retryInterval() {
                return Duration.ofMillis(200);
            }

            @Override
            public int hashAttempts() {
                return 3;
            }
        };
    }

    @Override
    public Kafka kafka() {
        return new Kafka() {
            @Override
            public String groupId() {
                return "revive-verifier";
            }

            @Override
            public String transactionalId() {
                return "revive-verifier-0";
            }

            @Override
            public Duration referenceWait() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration pollTimeout() {
                return Duration.ofMillis(100);
            }

            @Override
            public Duration failureBackoff() {
                return Duration.ofMillis(200);
            }
        };
    }
}
