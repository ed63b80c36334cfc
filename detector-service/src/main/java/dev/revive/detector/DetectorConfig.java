package dev.revive.detector;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** The detector's configuration, validated at start by {@link ConfigCheck}. */
@ConfigMapping(prefix = "revive.detector")
public interface DetectorConfig {

    /** Directory whose {@code *.yaml} / {@code *.yml} cluster specs are loaded, published and probed at start. */
    Path specsDir();

    /** The CloudEvent {@code ce_source} of every record written, and the {@code source} of the probes' faults. */
    @WithDefault("/revive/detector")
    String source();

    /** How etcd nodes are probed. */
    Probe probe();

    /** The {@code POST /faults} endpoint. */
    Api api();

    /** Probe settings. */
    interface Probe {

        /** Pause between the end of one probe of a node and the start of the next. */
        @WithDefault("1s")
        Duration interval();

        /** Bound of one probe; no answer by then counts as a timeout (fault kind UNREACHABLE). */
        @WithDefault("500ms")
        Duration timeout();

        /** Consecutive failed probes of a node before its one fault is published. */
        @WithDefault("3")
        int failureThreshold();

        /** Consecutive answered probes of a down node before its one RECOVERED is published. */
        @WithDefault("2")
        int recoveryThreshold();
    }

    /** Fault-reporting API settings. */
    interface Api {

        /** The bearer token {@code POST /faults} requires; at least 12 characters, no default. */
        String token();

        /** How long {@code POST /faults} waits for Kafka to acknowledge a fault before answering 503. */
        @WithDefault("10s")
        Duration ackTimeout();
    }
}
