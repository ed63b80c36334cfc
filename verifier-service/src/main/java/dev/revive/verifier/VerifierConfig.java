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

        /**
         * Pause after a failed Kafka transaction before the records are processed again; also the first back-off
         * before the executions loop is rebuilt with new Kafka clients after it failed.
         */
        @WithDefault("1s")
        Duration failureBackoff();

        /** Longest back-off between two rebuilds of the executions loop (it doubles from {@code failure-backoff}). */
        @WithDefault("30s")
        Duration rebuildBackoffMax();

        /**
         * Liveness is DOWN when the executions loop has not made progress for longer than this; at least the
         * consumer's max poll interval (the longest verification between two polls).
         */
        @WithDefault("10m")
        Duration stallTimeout();

        /**
         * How many plans are kept in memory, and as many reported plan ids and restart times; past it the oldest
         * are forgotten first. A plan is forgotten as soon as it is reported.
         */
        @WithDefault("10000")
        int maxPlans();
    }
}
