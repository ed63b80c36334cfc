package dev.revive.verifier;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.BeginningReader;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.EventRecords;
import dev.revive.contracts.kafka.LoopSupervisor;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.kafka.TransactionalPublisher;
import dev.revive.contracts.kafka.TransactionalPublisher.TransactionFailedException;
import dev.revive.contracts.metrics.ReviveMetrics;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.verifier.report.OutcomeVerifier;
import dev.revive.verifier.report.VerifierException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The consume-transform-produce loop: reads {@code revive.executions} (read_committed) and, for
 * each plan outcome not yet reported, verifies the cluster and publishes one report in a
 * transaction that also commits the consumed offsets. Step events advance the offsets, and a START
 * step that succeeded records when the plan restarted its node (the log checks look from then on);
 * records that do not decode go to {@code revive.dlq} in the same way. A failed transaction (or one in doubt,
 * once {@link TransactionalPublisher#settle()} resolved it) rewinds the consumer to its committed offsets, so
 * nothing is lost or published twice. A failure that is
 * not a failed transaction (e.g. {@code initTransactions} or the rewind timing out while the broker is away)
 * is thrown from {@link #run()} after the clients are closed: the {@link LoopSupervisor} builds a new loop.
 */
final class ExecutionsLoop implements LoopSupervisor.Loop {

    /** The CloudEvent source of reports. */
    static final String SOURCE = "/revive/verifier";
    /** The service name in dead-letter headers. */
    static final String SERVICE = "verifier-service";

    private static final Logger LOG = Logger.getLogger(ExecutionsLoop.class);
    private static final ReviveMetrics METRICS = ReviveMetrics.global();
    private static final Duration REFERENCE_WARNING = Duration.ofSeconds(30);

    private final Consumer<byte[], byte[]> consumer;
    private final TransactionalPublisher publisher;
    private final OutcomeVerifier verifier;
    private final ReferenceStore store;
    private final BeginningReader references;
    private final Clock clock;
    private final VerifierConfig.Kafka config;
    private final LoopHealth health;
    private final Tracing tracing;
    private volatile boolean running = true;
    private boolean needsRewind;

    ExecutionsLoop(Consumer<byte[], byte[]> consumer, TransactionalPublisher publisher, OutcomeVerifier verifier,
            ReferenceStore store, BeginningReader references, Clock clock, VerifierConfig.Kafka config,
            LoopHealth health, Tracing tracing) {
        this.tracing = tracing;
        this.consumer = consumer;
        this.publisher = publisher;
        this.verifier = verifier;
        this.store = store;
        this.references = references;
        this.clock = clock;
        this.config = config;
        this.health = health;
    }

    /**
     * Runs until {@link #stop()}; returns normally when stopped, throws what made it fail otherwise. Its
     * Kafka clients are closed either way.
     */
    @Override
    public void run() {
        try (consumer; publisher) {
            awaitReferences();
            if (!running) {
                return;
            }
            publisher.init();
            consumer.subscribe(List.of(Topics.EXECUTIONS.name()));
            health.moveTo(LoopState.RUNNING);
            LOG.infof("verifying plan outcomes of %s", Topics.EXECUTIONS);
            while (running) {
                health.beat();
                pollOnce();
            }
        } catch (WakeupException | InterruptException | StoppedException e) {
            LOG.debug("executions loop stopped");
        }
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    private void awaitReferences() {
        try {
            while (!references.awaitCaughtUp(REFERENCE_WARNING)) {
                health.beat();
                if (!references.isAlive() || !running) {
                    throw new IllegalStateException("the reference reader stopped before it caught up");
                }
                LOG.warnf("still reading %s, %s and %s up to their end", Topics.CLUSTERS, Topics.PLANS, Topics.REPORTS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoppedException();
        }
    }

    private void pollOnce() {
        try {
            if (needsRewind) {
                if (!publisher.settle()) {
                    backoff();
                    return;
                }
                rewind();
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(config.pollTimeout());
            Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
            Map<TopicPartition, Long> next = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                next.put(partition(record), record.offset() + 1);
                if (handle(record, pending)) {
                    seekToUnhandled(records, next);
                    break;
                }
            }
            if (!pending.isEmpty()) {
                publisher.commit(List.of(), pending, consumer.groupMetadata());
            }
        } catch (TransactionFailedException e) {
            if (e.fatal()) {
                throw e;
            }
            LOG.warnf("%s; processing the uncommitted records again", e.getMessage());
            needsRewind = true;
            backoff();
        }
    }

    /** Handles one record; true when it was an outcome that took the slow path of verification. */
    private boolean handle(ConsumerRecord<byte[], byte[]> record, Map<TopicPartition, OffsetAndMetadata> pending) {
        pending.put(partition(record), new OffsetAndMetadata(record.offset() + 1));
        ExecutionEvent event;
        try {
            event = decode(record);
        } catch (InvalidEventException e) {
            deadLetter(record, e, pending);
            return false;
        }
        if (event instanceof StepEvent step) {
            if (step.action() == Action.START && step.status() == StepStatus.SUCCEEDED) {
                store.recordRestart(step.planId(), step.at());
            }
            return false;
        }
        if (!(event instanceof PlanOutcome outcome)) {
            return false;
        }
        MDC.put("clusterId", outcome.clusterId());
        MDC.put("incidentId", outcome.incidentId());
        MDC.put("planId", outcome.planId());
        try {
            if (store.isReported(outcome.planId())) {
                LOG.infof("plan %s of %s is reported already; outcome %s ignored", outcome.planId(),
                        outcome.clusterId(), outcome.eventId());
                return false;
            }
            report(record, outcome, pending);
            return true;
        } finally {
            MDC.remove("clusterId");
            MDC.remove("incidentId");
            MDC.remove("planId");
        }
    }

    private void report(ConsumerRecord<byte[], byte[]> record, PlanOutcome outcome,
            Map<TopicPartition, OffsetAndMetadata> pending) {
        Span span = tracing.continueFrom(record.headers(), "verify")
                .setAttribute("revive.plan.id", outcome.planId()).setAttribute("revive.cluster.id", outcome.clusterId());
        try (Scope scope = span.makeCurrent()) {
            LOG.infof("verifying %s after %s", outcome.clusterId(), outcome.outcome());
            Instant began = clock.instant();
            RecoveryReport report = verifier.verify(outcome);
            publish(List.of(reportRecord(report)), pending);
            store.markReported(report.planId());
            METRICS.reportPublished(report,
                    store.awaitCluster(report.clusterId(), Duration.ZERO).map(ClusterSpec::kind).orElse(null));
            LOG.infof("verdict %s for plan %s of %s: %s; verified in %s, mttr %s", report.verdict(), report.planId(),
                    report.clusterId(), summary(report), Duration.between(began, report.timeline().verifiedAt()),
                    report.mttr());
        } catch (VerifierException e) {
            span.setStatus(StatusCode.ERROR, e.getMessage());
            deadLetter(record, new InvalidEventException(rejectReason(e), e.field(), e.getMessage()), pending);
        } finally {
            span.end();
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, InvalidEventException why,
            Map<TopicPartition, OffsetAndMetadata> pending) {
        LOG.warnf("%s-%d@%d rejected to %s: %s %s", record.topic(), record.partition(), record.offset(), Topics.DLQ,
                why.reason(), LogSafe.text(why.getMessage()));
        publish(List.of(DeadLetters.of(record, why, SERVICE, clock.instant())), pending);
    }

    private void publish(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> pending) {
        publisher.commit(records, pending, consumer.groupMetadata());
        pending.clear();
    }

    private ProducerRecord<byte[], byte[]> reportRecord(RecoveryReport report) {
        return EventRecords.of(Topics.REPORTS, report.clusterId(), report, SOURCE, clock.instant());
    }

    private static ExecutionEvent decode(ConsumerRecord<byte[], byte[]> record) {
        ExecutionEvent event = Topics.EXECUTIONS.valueSerde().deserializer()
                .deserialize(record.topic(), record.headers(), record.value());
        if (event == null) {
            throw new InvalidEventException(RejectReason.MALFORMED, "$", "no value, expected an ExecutionEvent");
        }
        return event;
    }

    /** After the slow path, the rest of the batch is fetched again by the next poll. */
    private void seekToUnhandled(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> next) {
        for (TopicPartition partition : records.partitions()) {
            long offset = next.getOrDefault(partition, records.records(partition).get(0).offset());
            consumer.seek(partition, offset);
        }
    }

    private void rewind() {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
        for (TopicPartition partition : consumer.assignment()) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
        needsRewind = false;
    }

    private void backoff() {
        try {
            Thread.sleep(config.failureBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoppedException();
        }
    }

    private static RejectReason rejectReason(VerifierException e) {
        return switch (e.reason()) {
            case UNKNOWN_CLUSTER -> RejectReason.UNKNOWN_CLUSTER;
            case UNKNOWN_PLAN -> RejectReason.UNKNOWN_PLAN;
            case MISMATCHED_PLAN -> RejectReason.INVALID_VALUE;
        };
    }

    private static String summary(RecoveryReport report) {
        return report.checks().stream().map(check -> check.name() + "=" + check.status())
                .collect(Collectors.joining(", "));
    }

    private static TopicPartition partition(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** The loop was asked to stop while it waited. */
    private static final class StoppedException extends RuntimeException {
    }
}
