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

    /**
     * Whether clusters registered at runtime on {@code revive.clusters} (the CLI's {@code apply}) are probed too,
     * besides the specs dir's (default true). Off: only the specs dir's clusters are probed, the others are still
     * planned for, executed and verified by the other services (a test registering clusters with no process behind
     * their nodes, the fault storm's "paper" clusters, turns it off).
     */
    @WithDefault("true")
    boolean followRegistrations();

    /** The CloudEvent {@code ce_source} of every record written, and the {@code source} of the probes' faults. */
    @WithDefault("/revive/detector")
    String source();

    /** How nodes are probed (through the probe of their kind). */
    Probe probe();

    /** How the nodes' log files are followed (rules: the spec's {@code detection.logRules}). */
    Logs logs();

    /** How the resources of process-driver nodes are sampled (thresholds: the spec's {@code detection.resources}). */
    Resources resources();

    /** The {@code POST /faults} endpoint. */
    Api api();

    /** How alerts posted to {@code /alerts/*} (Alertmanager, PagerDuty, CloudEvents) become faults. */
    Alerts alerts();

    /** Alert-integration settings: the label rules that map an alert to a registered cluster and node. */
    interface Alerts {

        /** The alert label (PagerDuty: {@code custom_details} key) whose value is the cluster id. */
        @WithDefault("cluster")
        String clusterLabel();

        /** The alert label (PagerDuty: {@code custom_details} key, else {@code payload.source}) naming the node; absent: the fault is cluster-wide. */
        @WithDefault("instance")
        String nodeLabel();

        /** A regex the node label's whole value must match; its first group (else the whole value) is the node id. */
        @WithDefault("([^:]+)(?::[0-9]+)?")
        String nodePattern();

        /** The label, or else the annotation, whose value is the {@code FaultKind}. */
        @WithDefault("revive_kind")
        String kindLabel();

        /** The fault kind of an alert without {@link #kindLabel()}. */
        @WithDefault("UNHEALTHY")
        dev.revive.contracts.fault.FaultKind defaultKind();

        /** The label whose value ({@code critical}, {@code warning}, {@code info}, any case) is the severity. */
        @WithDefault("severity")
        String severityLabel();

        /** The severity of an alert without {@link #severityLabel()}, or with a value that is none of the three. */
        @WithDefault("WARNING")
        dev.revive.contracts.fault.Severity defaultSeverity();

        /** How many alerts (by fingerprint / dedup key) the detector remembers to drop re-sent ones. */
        @WithDefault("10000")
        int remembered();

        /**
         * PagerDuty Events API v2 routing keys accepted by {@code /alerts/pagerduty} and {@code /v2/enqueue}; the
         * routing key is that endpoint's credential (no bearer token). None configured: every event is refused (401).
         */
        java.util.Optional<java.util.List<String>> pagerdutyRoutingKeys();
    }

    /** Log-following settings. */
    interface Logs {

        /** Pause between two reads of a node's log files. */
        @WithDefault("1s")
        Duration interval();

        /** The most bytes read from one log file per read; the rest waits for the next read. */
        @WithDefault("1048576")
        long maxBytesPerRead();

        /** Lines longer than this many bytes are cut here; the rest of such a line is skipped. */
        @WithDefault("8192")
        int maxLineBytes();
    }

    /** Resource-sampling settings. */
    interface Resources {

        /** Pause between two samples of a node's /proc entries and data-dir file system. */
        @WithDefault("5s")
        Duration interval();
    }

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

        /**
         * The bearer token of the API, at least 12 characters, no default; set it through the environment
         * ({@code REVIVE_DETECTOR_API_TOKEN}), never on a command line. Exactly one of this and {@link #tokenFile()}.
         */
        java.util.Optional<String> token();

        /** A file whose first line is the bearer token (keep it {@code chmod 600}); exactly one of this and {@link #token()}. */
        java.util.Optional<Path> tokenFile();

        /** How long {@code POST /faults} waits for Kafka to acknowledge a fault before answering 503. */
        @WithDefault("10s")
        Duration ackTimeout();
    }
}
