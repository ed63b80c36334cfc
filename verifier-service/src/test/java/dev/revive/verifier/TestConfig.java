package dev.revive.verifier;

import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.testkit.TestSigningKey;
import java.time.Duration;
import java.util.List;

/** A {@link VerifierConfig} for tests that start a {@link VerifierRuntime} without the application. */
final class TestConfig implements VerifierConfig {

    /** The keys the tests' verifiers trust: testkit's test operator key. */
    static final TrustedKeys TRUSTED = TrustedKeys.load(List.of(TestSigningKey.PUBLIC_KEY));

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

            @Override
            public Duration rebuildBackoffMax() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration stallTimeout() {
                return Duration.ofMinutes(10);
            }

            @Override
            public int maxPlans() {
                return 1000;
            }
        };
    }
}
