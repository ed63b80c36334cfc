package dev.revive.executor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The executor's configuration, {@code revive.executor.*}; checked at start by {@link ExecutorRuntime}. */
@ConfigMapping(prefix = "revive.executor")
public interface ExecutorConfig {

    /**
     * This executor's id in step events, lock values and its transactional id; default {@code executor-<host>},
     * stable across restarts. Must be a valid id, and unique per instance when the executor is scaled out.
     */
    Optional<String> id();

    /** The coordination etcd that holds the cluster locks and fences. */
    Coordination coordination();

    /** Kafka consumption of {@code revive.plans}. */
    Kafka kafka();

    /** How steps poll and retry. */
    Steps steps();

    /** Calls to target clusters. */
    Target target();

    /** Bounds of delivering a plan again after runs that stopped without an outcome. */
    Redelivery redelivery();

    /** When the executor counts as dead ({@code /q/health/live}). */
    Liveness liveness();

    /** Redelivery bounds: past either, the plan ends {@code PLAN_ABORTED} with the reason in the detail. */
    interface Redelivery {

        /** Runs without an outcome after which a plan is given up. */
        @WithDefault("10")
        int maxAttempts();

        /** Age of a plan (from its {@code createdAt}) past which a run that stopped gives it up. */
        @WithDefault("1h")
        Duration maxAge();
    }

    /** Liveness of the Kafka loop. */
    interface Liveness {

        /** The loop is DOWN when it has not iterated for longer than this (or ended for good). */
        @WithDefault("3m")
        Duration stallTimeout();
    }

    /** The coordination etcd: never a target cluster. */
    interface Coordination {

        /** Client URLs of the coordination etcd. */
        @WithDefault("http://127.0.0.1:2379")
        List<String> endpoints();

        /** TTL of the lease that holds a cluster lock; a crashed executor's lock frees itself after this long. */
        @WithDefault("10s")
        Duration lockTtl();

        /** Bound of every call to the coordination etcd. */
        @WithDefault("3s")
        Duration callTimeout();

        /** How often a lock held by another executor is tried again. */
        @WithDefault("1s")
        Duration lockRetry();

        /** PEM file of the CA that signed the coordination etcd's server certificates (for https endpoints). */
        Optional<String> caFile();

        /** PEM file of the client certificate, when the coordination etcd requires one; needs key-file. */
        Optional<String> certFile();

        /** PKCS#8 PEM file of the client certificate's key. */
        Optional<String> keyFile();

        /** The coordination etcd's user, when its auth is enabled; needs password-file. */
        Optional<String> username();

        /** File whose first line is the user's password (the password itself is never in config). */
        Optional<String> passwordFile();
    }

    /** Kafka consumption. */
    interface Kafka {

        /** Consumer group of {@code revive.plans}. */
        @WithDefault("revive-executor")
        String groupId();

        /** How long one poll of {@code revive.plans} waits for records. */
        @WithDefault("500ms")
        Duration pollTimeout();

        /** Bound of reading {@code revive.clusters} or a plan's history on {@code revive.executions} to its end. */
        @WithDefault("30s")
        Duration readTimeout();

        /** How long a plan whose run stopped without an outcome waits before it is delivered again. */
        @WithDefault("5s")
        Duration redeliveryDelay();

        /** Bound of every blocking Kafka client call (producer {@code max.block.ms}, consumer {@code default.api.timeout.ms}). */
        @WithDefault("15s")
        Duration clientTimeout();

        /**
         * Session timeout of the plan consumer ({@code session.timeout.ms}; heartbeats every third of it, at most every
         * 3 s): how long a killed, paused or partitioned executor keeps its partitions before the group hands them to
         * another executor (Kafka's own default, 45 s, measured as a 30-45 s stall after a kill -9). Within the broker's
         * {@code group.min/max.session.timeout.ms}.
         */
        @WithDefault("10s")
        Duration sessionTimeout();

        /** First wait before the Kafka clients are rebuilt after the loop failed; doubled per failure. */
        @WithDefault("1s")
        Duration rebuildBackoff();

        /** Longest wait before the Kafka clients are rebuilt. */
        @WithDefault("30s")
        Duration maxRebuildBackoff();
    }

    /** Step polling and retries. */
    interface Steps {

        /** How often AWAIT_HEALTHY and AWAIT_CAUGHT_UP ask the member. */
        @WithDefault("200ms")
        Duration pollInterval();

        /** Wait before the second attempt of a failed step; doubled for each further attempt. */
        @WithDefault("1s")
        Duration retryBackoff();

        /** Longest wait between two attempts of a step. */
        @WithDefault("10s")
        Duration maxRetryBackoff();
    }

    /** Target clusters. */
    interface Target {

        /** Bound of every call to a managed system (probes, status reads; a snapshot gets ten times as long). */
        @WithDefault("3s")
        Duration callTimeout();
    }
}
