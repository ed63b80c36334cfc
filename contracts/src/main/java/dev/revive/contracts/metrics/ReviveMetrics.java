package dev.revive.contracts.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.report.RecoveryReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Revive's domain metrics, in one place: their names, tags and buckets, and one method per fact that moves one.
 * Each service calls the method where the fact happens; the names below are what the Grafana dashboard and the
 * alert rules in {@code deploy/observability} query (as Prometheus series, see {@link #SERIES}).
 *
 * <p>{@link #global()} records into Micrometer's global registry, which each service's Quarkus Micrometer registry
 * joins at start, so that plain classes (e.g. {@code DeadLetters}) can record without injection; a test hands
 * its own registry to the constructor.
 */
public final class ReviveMetrics {

    /** Counter {@code revive_faults_total{kind,source}}: faults the detector published. */
    public static final String FAULTS = "revive.faults";
    /** Gauge {@code revive_incidents_open{state}}: the planner's incidents not ended, by state. */
    public static final String INCIDENTS_OPEN = "revive.incidents.open";
    /** Gauge {@code revive_approvals_waiting}: plans waiting for an operator's approval. */
    public static final String APPROVALS_WAITING = "revive.approvals.waiting";
    /** Timer {@code revive_step_duration_seconds{action,outcome}}: one attempt of a plan step, STARTED to its end. */
    public static final String STEP_DURATION = "revive.step.duration";
    /** Histogram {@code revive_mttr_seconds{kind}}: a report's time from detection to verification. */
    public static final String MTTR = "revive.mttr";
    /** Counter {@code revive_reports_total{verdict}}: reports the verifier published. */
    public static final String REPORTS = "revive.reports";
    /** Counter {@code revive_dead_letters_total{reason,service}}: records sent to {@code revive.dlq}. */
    public static final String DEAD_LETTERS = "revive.dead.letters";
    /**
     * Counter {@code revive_notifications_total{webhook,outcome}}: notifications the planner sent to a webhook, by
     * their end: {@code delivered} (a 2xx, perhaps after retries) or {@code failed} (dead-lettered).
     */
    public static final String NOTIFICATIONS = "revive.notifications";

    /** The Prometheus names of the series above (histograms add {@code _bucket}, {@code _count}, {@code _sum}). */
    public static final Set<String> SERIES = Set.of("revive_faults_total", "revive_incidents_open",
            "revive_approvals_waiting", "revive_step_duration_seconds", "revive_mttr_seconds", "revive_reports_total",
            "revive_dead_letters_total", "revive_notifications_total");

    /** The tag value when a cluster's kind is not known (its spec was removed). */
    public static final String UNKNOWN = "unknown";

    private static final Duration[] STEP_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5)};
    private static final double[] MTTR_BUCKETS = {5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};

    private final MeterRegistry registry;

    /** Records into {@code registry}. */
    public ReviveMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records into Micrometer's global registry (the service's Prometheus registry once Quarkus has started). */
    public static ReviveMetrics global() {
        return new ReviveMetrics(Metrics.globalRegistry);
    }

    /** The detector published {@code fault} and Kafka acknowledged it. */
    public void faultPublished(FaultEvent fault) {
        Counter.builder(FAULTS).description("Faults published by the detector")
                .tag("kind", fault.kind().name()).tag("source", fault.source()).register(registry).increment();
    }

    /** {@code service} dead-lettered a record for {@code reason}. */
    public void deadLettered(RejectReason reason, String service) {
        Counter.builder(DEAD_LETTERS).description("Records sent to the dead-letter topic")
                .tag("reason", reason.name()).tag("service", Objects.requireNonNullElse(service, UNKNOWN)).register(registry).increment();
    }

    /** A notification to the webhook named {@code webhook} ended: delivered, or failed for good (dead-lettered). */
    public void notificationEnded(String webhook, boolean delivered) {
        Counter.builder(NOTIFICATIONS).description("Notifications sent to webhooks, by how they ended")
                .tag("webhook", webhook).tag("outcome", delivered ? "delivered" : "failed").register(registry)
                .increment();
    }

    /** An attempt of an {@code action} step ended with {@code outcome} after {@code took}. */
    public void stepEnded(Action action, StepStatus outcome, Duration took) {
        Timer.builder(STEP_DURATION).description("Plan step attempts, from STARTED to their end")
                .tag("action", action.name()).tag("outcome", outcome.name())
                .serviceLevelObjectives(STEP_BUCKETS).register(registry).record(took);
    }

    /** The verifier published {@code report} on a cluster of {@code kind} (null when the spec is gone). */
    public void reportPublished(RecoveryReport report, SystemKind kind) {
        Counter.builder(REPORTS).description("Recovery reports published by the verifier")
                .tag("verdict", report.verdict().name()).register(registry).increment();
        DistributionSummary.builder(MTTR).description("Time from detection to verification, per report")
                .baseUnit("seconds").tag("kind", kindTag(kind)).serviceLevelObjectives(MTTR_BUCKETS)
                .register(registry).record(report.mttr().toMillis() / 1000.0);
    }

    /**
     * Registers the gauge of the open incidents in {@code state}, read from {@code count} at each scrape.
     */
    public void incidentsOpen(String state, Supplier<Number> count) {
        Gauge.builder(INCIDENTS_OPEN, count).description("Incidents not ended, by state").tag("state", state)
                .strongReference(true).register(registry);
    }

    /** Registers the gauge of the plans waiting for an operator's approval. */
    public void approvalsWaiting(Supplier<Number> count) {
        Gauge.builder(APPROVALS_WAITING, count).description("Plans waiting for an operator's approval")
                .strongReference(true).register(registry);
    }

    /** A kind's tag value: its name in specs ({@code kafka-connect}), never a constant named in a service. */
    static String kindTag(SystemKind kind) {
        if (kind == null) {
            return UNKNOWN;
        }
        try {
            JsonProperty json = SystemKind.class.getField(kind.name()).getAnnotation(JsonProperty.class);
            return json == null ? kind.name() : json.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("an enum constant is a field", e);
        }
    }
}
