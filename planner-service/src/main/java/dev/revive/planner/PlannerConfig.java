package dev.revive.planner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The webhook notifier ({@code revive.planner.notify.*}); without a webhook it does not run. */
    @WithName("notify")
    Notify notifier();

    /** Settings of the webhook notifier ({@code revive.planner.notify.*}). */
    interface Notify {

        /** The webhooks by name ({@code revive.planner.notify.webhooks."<name>".*}); none: no notifier runs. */
        Map<String, Webhook> webhooks();

        /** How many times one notification is sent to one webhook before it is dead-lettered, 1 to 20. */
        @WithDefault("5")
        int attempts();

        /** The wait before the second attempt; it doubles per attempt up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest wait between two attempts, and the most of a {@code Retry-After} that is honoured. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** How long connecting to a webhook may take. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** How long a webhook may take to answer one request. */
        @WithDefault("5s")
        Duration requestTimeout();

        /** One receiver of notifications. */
        interface Webhook {

            /** Where notifications are POSTed, http or https (a Slack URL is a secret: set it in the environment). */
            String url();

            /** {@code json} (the generic body) or {@code slack} (a Slack incoming-webhook message). */
            @WithDefault("json")
            String format();

            /** The event types it receives ({@code incident.opened}, ...); unset: all of them. */
            Optional<List<String>> events();

            /** A bearer token sent as {@code Authorization}; from the environment, never on a command line. */
            Optional<String> token();

            /** Or: a file whose first line is the bearer token ({@code chmod 600}); at most one of the two. */
            Optional<Path> tokenFile();
        }
    }

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
        Optional<String> token();

        /** A file whose first line is the bearer token (keep it {@code chmod 600}); exactly one of this and {@link #token()}. */
        Optional<Path> tokenFile();

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
