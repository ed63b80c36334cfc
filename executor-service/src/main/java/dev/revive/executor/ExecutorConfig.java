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
