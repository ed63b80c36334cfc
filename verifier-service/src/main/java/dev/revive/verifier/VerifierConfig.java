package dev.revive.verifier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The verifier's configuration, under {@code revive.verifier}. Checked at start by {@link ConfigValidation}. */
@ConfigMapping(prefix = "revive.verifier")
public interface VerifierConfig {

    /** How the cluster is checked. */
    Checks checks();

    /** How the verifier uses Kafka. */
    Kafka kafka();

    /** Checks settings. */
    interface Checks {

        /** Bound of every single call of a check to one node. */
        @WithDefault("2s")
        Duration callTimeout();

        /** How long results other than CONSISTENT are re-checked before they are reported. */
        @WithDefault("20s")
        Duration settleTime();

        /** Pause between two rounds of checks while settling. */
        @WithDefault("1s")
        Duration retryInterval();

        /** Attempts per round to hash every member at one common revision while writes move on. */
        @WithDefault("3")
        int hashAttempts();
    }

    /** Kafka settings (the broker comes from {@code kafka.bootstrap.servers}). */
    interface Kafka {

        /** Consumer group of the verifier on {@code revive.executions}. */
        @WithDefault("revive-verifier")
        String groupId();

        /** Transactional id of the report producer; unique per verifier instance, stable across its restarts. */
        @WithDefault("revive-verifier-0")
        String transactionalId();

        /** How long an outcome waits for its plan, and then for its cluster spec, before it is dead-lettered. */
        @WithDefault("30s")
        Duration referenceWait();

        /** Longest wait of one poll of a consumer. */
        @WithDefault("500ms")
        Duration pollTimeout();

        /** Pause after a failed Kafka transaction before the records are processed again. */
        @WithDefault("1s")
        Duration failureBackoff();
    }
}
