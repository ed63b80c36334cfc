package dev.revive.planner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The planner's own settings ({@code revive.planner.*}); validated when the topology is built at start. */
@ConfigMapping(prefix = "revive.planner")
public interface PlannerConfig {

    /** The bounds of the node-restart plan's steps. */
    Steps steps();

    /** How long an APPROVAL_REQUIRED plan waits for an operator's decision before its incident escalates. */
    @WithDefault("PT30M")
    Duration approvalTimeout();

    /** How often (wall clock) the planner looks for confirm windows that ended and approvals that expired. */
    @WithDefault("500ms")
    Duration tickInterval();

    /** The approval API. */
    Api api();

    /** How one planner instance asks another for state it does not hold (interactive queries across instances). */
    Peers peers();

    /** Settings of the calls between planner instances ({@code revive.planner.peers.*}). */
    interface Peers {

        /** How long connecting to another instance's API may take before the lookup answers 503. */
        @WithDefault("1s")
        Duration connectTimeout();

        /** How long another instance may take to answer a forwarded lookup before it answers 503. */
        @WithDefault("5s")
        Duration requestTimeout();

        /** {@code http}, or {@code https} when the instances' APIs run with TLS. */
        @WithDefault("http")
        String scheme();

        /** The {@code Retry-After} of a 503 during a rebalance or when the owner is unreachable. */
        @WithDefault("2s")
        Duration retryAfter();
    }

    /** Settings of {@code POST /plans/{planId}/approve|reject}. */
    interface Api {

        /**
         * The bearer token of the approval API, at least 12 characters; set it through the environment
         * ({@code REVIVE_PLANNER_API_TOKEN}), never on a command line. Exactly one of this and {@link #tokenFile()}.
         */
        java.util.Optional<String> token();

        /** A file whose first line is the bearer token (keep it {@code chmod 600}); exactly one of this and {@link #token()}. */
        java.util.Optional<java.nio.file.Path> tokenFile();

        /** How long the API waits for Kafka to acknowledge a decision before answering 503. */
        @WithDefault("10s")
        Duration ackTimeout();
    }

    /** Timeouts and attempts written into every node-restart plan. */
    interface Steps {

        /** Timeout of the SNAPSHOT step. */
        @WithDefault("30s")
        Duration snapshotTimeout();

        /** Added to the node's grace period to give the STOP step's timeout. */
        @WithDefault("5s")
        Duration stopMargin();

        /** STOP grace period for nodes whose driver names no stop timeout (process nodes use their stopTimeout). */
        @WithDefault("10s")
        Duration defaultGracePeriod();

        /** Timeout of the FORCE_KILL step. */
        @WithDefault("10s")
        Duration forceKillTimeout();

        /** Timeout of the CLEAN_TEMP step. */
        @WithDefault("10s")
        Duration cleanTempTimeout();

        /** Timeout of the START step. */
        @WithDefault("15s")
        Duration startTimeout();

        /** Timeout of the AWAIT_HEALTHY step. */
        @WithDefault("30s")
        Duration awaitHealthyTimeout();

        /** Timeout of the AWAIT_CAUGHT_UP step. */
        @WithDefault("30s")
        Duration awaitCaughtUpTimeout();

        /** How many times the executor tries each step, 1 to 10. */
        @WithDefault("1")
        int attempts();
    }
}
