package dev.revive.executor.kafka;

import dev.revive.contracts.kafka.TransactionalPublisher.TransactionFailedException;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.executor.plan.ExecutionEvents;
import dev.revive.executor.plan.HeldLock;
import dev.revive.executor.plan.PlanJob;
import dev.revive.executor.plan.PlanMdc;
import dev.revive.executor.plan.PlanResult;
import dev.revive.executor.plan.PlanTriage;
import dev.revive.executor.plan.RunControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import dev.revive.contracts.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The per-partition bookkeeping of the {@link PlanLoop}: triages the polled plans, hands a plan to run to a
 * worker thread with a claim on its partition ({@link PartitionClaims}), reads the rest of a busy partition ahead,
 * and ends each run: its outcome committed with the plan's offset, or its plan delivered again
 * ({@link PlanEnding}). A run whose partition went to another executor, by a rebalance or because the group
 * rejected its step event, is disowned: nothing is committed for it here. Runs on the loop's thread, except
 * the jobs themselves.
 */
final class PlanRuns {

    private static final Logger LOG = Logger.getLogger(PlanRuns.class);
    private static final Duration WORKER_STOP_TIMEOUT = Duration.ofSeconds(20);

    private final ExecutionLog log;
    private final PartitionClaims claims;
    private final PlanJob job;
    private final Clock clock;
    private final BooleanSupplier running;
    private final PlanTriage triage = new PlanTriage();
    private final PlanEnding ending;
    private final Tracing tracing;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> new Thread(runnable,
            "executor-plan-worker"));
    private final Map<TopicPartition, InFlight> inFlight = new HashMap<>();
    private final Queue<InFlight.Completion> completions = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, Instant> redeliverAt = new HashMap<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private ClusterRegistry clusters;

    PlanRuns(ExecutionLog log, PartitionClaims claims, PlanJob job, ExecutionEvents events, Clock clock,
            LoopSettings settings, BooleanSupplier running, Tracing tracing) {
        this.log = log;
        this.tracing = tracing;
        this.claims = claims;
        this.job = job;
        this.clock = clock;
        this.running = running;
        this.ending = new PlanEnding(log, events, clock, settings, redeliverAt);
    }

    /** A session begins with these clients; returns the rebalance listener to subscribe with. */
    ConsumerRebalanceListener attach(KafkaConsumer<byte[], byte[]> sessionConsumer, ClusterRegistry registry) {
        this.consumer = sessionConsumer;
        this.clusters = registry;
        return new PlanRebalanceListener(sessionConsumer, inFlight, redeliverAt, claims);
    }

    /** A session ended: its runs are disowned (they stop, nothing is committed for them). */
    void detach() {
        inFlight.values().forEach(flight -> {
            flight.disowned = true;
            flight.cancel.set(true);
        });
        inFlight.clear();
        redeliverAt.clear();
        claims.releaseAll();
        consumer = null;
        clusters = null;
    }

    /** The assigned partitions with no run and no pending redelivery, which a rewind may reposition. */
    Set<TopicPartition> idle() {
        Set<TopicPartition> idle = new HashSet<>(consumer.assignment());
        idle.removeAll(inFlight.keySet());
        idle.removeAll(redeliverAt.keySet());
        return idle;
    }

    /** Resumes the partitions whose redelivery is due. */
    void resumeDue() {
        ending.resumeDue(consumer);
    }

    /** After a poll, which may have rejoined the group: the claims still held belong to the current generation. */
    void regroup() {
        claims.regroup(consumer.groupMetadata());
    }

    void handle(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<ConsumerRecord<byte[], byte[]>, Object> decoded = new IdentityHashMap<>();
        records.forEach(record -> decoded.put(record, PlanRecords.decode(record)));
        decoded.values().stream().filter(RecoveryPlan.class::isInstance).map(RecoveryPlan.class::cast)
                .forEach(triage::observe);
        PendingCommit pending = new PendingCommit();
        for (TopicPartition partition : records.partitions()) {
            if (inFlight.containsKey(partition)) {
                InFlight flight = inFlight.get(partition);
                records.records(partition).forEach(record -> flight.readAhead(decoded.get(record)));
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (intake(record, decoded.get(record), pending)) {
                    break;
                }
            }
        }
        commit(pending);
    }

    /** Handles one record; returns true when it started a plan (the rest of its partition waits). */
    private boolean intake(ConsumerRecord<byte[], byte[]> record, Object decoded, PendingCommit pending) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (decoded instanceof InvalidEventException invalid) {
            pending.handled(partition, record.offset() + 1);
            LOG.warnf("plan at %s@%d is invalid, sent to the dead-letter topic: %s", partition, record.offset(),
                    LogSafe.text(invalid.getMessage()));
            pending.deadLetter(PlanRecords.deadLetter(record, invalid, clock.instant()));
            return false;
        }
        RecoveryPlan plan = (RecoveryPlan) decoded;
        try (PlanMdc mdc = PlanMdc.of(plan)) {
            PlanTriage.Verdict verdict = triage.triage(plan, this::spec);
            if (verdict instanceof PlanTriage.Verdict.Run run) {
                start(record, plan, run.spec());
                return true;
            }
            pending.handled(partition, record.offset() + 1);
            if (verdict instanceof PlanTriage.Verdict.Reject reject) {
                LOG.warnf("plan %s is rejected, sent to the dead-letter topic: %s", plan.planId(),
                        LogSafe.text(reject.reason()));
                pending.deadLetter(PlanRecords.unknownCluster(record, reject.reason(), clock.instant()));
            } else if (verdict instanceof PlanTriage.Verdict.Pass pass) {
                LOG.infof("plan %s (revision %d) is not run: %s", plan.planId(), plan.revision(),
                        LogSafe.text(pass.reason()));
            }
            return false;
        }
    }

    /** The cluster's spec; a cluster not yet known is looked for once more at the end of the topic. */
    private Optional<ClusterSpec> spec(String clusterId) {
        Optional<ClusterSpec> spec = clusters.spec(clusterId);
        if (spec.isEmpty()) {
            clusters.catchUp();
            spec = clusters.spec(clusterId);
        }
        return spec;
    }

    private void commit(PendingCommit pending) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            log.commit(pending.deadLetters(), pending.offsets(), consumer.groupMetadata());
        } catch (TransactionFailedException e) {
            LOG.warnf("could not commit %d dead letters and offsets %s; they are handled again after a restart: %s",
                    pending.deadLetters().size(), pending.offsets(), e.getMessage());
        }
    }

    private void start(ConsumerRecord<byte[], byte[]> record, RecoveryPlan plan, ClusterSpec spec) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        long offset = record.offset();
        consumer.seek(partition, offset + 1);
        Span span = tracing.continueFrom(record.headers(), "execute plan")
                .setAttribute("revive.plan.id", plan.planId()).setAttribute("revive.incident.id", plan.incidentId())
                .setAttribute("revive.cluster.id", plan.clusterId()).setAttribute("revive.plan.mode", plan.mode().name());
        InFlight flight = new InFlight(partition, offset, plan, span);
        inFlight.put(partition, flight);
        claims.claim(plan.clusterId(), partition, offset, consumer.groupMetadata());
        LOG.infof("plan %s (revision %d, %d steps) starts", plan.planId(), plan.revision(), plan.steps().size());
        workers.execute(() -> runJob(flight, spec));
    }

    /** On a worker thread. */
    private void runJob(InFlight flight, ClusterSpec spec) {
        InFlight.Completion completion;
        try (PlanMdc mdc = PlanMdc.of(flight.plan); Scope scope = flight.span.makeCurrent()) {
            PlanJob.Ended ended = job.run(flight.plan, spec, RunControl.of(
                    () -> flight.cancel.get() || !running.getAsBoolean(),
                    () -> Optional.ofNullable(flight.withdrawn.get())));
            completion = new InFlight.Completion(flight, ended, null);
        } catch (RuntimeException | Error e) {
            completion = new InFlight.Completion(flight, null, e);
        }
        completions.add(completion);
        try {
            KafkaConsumer<byte[], byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
        } catch (RuntimeException e) {
            LOG.debugf("cannot wake the loop (it is closing): %s", e.getMessage());
        }
    }

    void drainCompletions() {
        for (InFlight.Completion completion = completions.poll(); completion != null; completion = completions.poll()) {
            complete(completion);
        }
    }

    private void complete(InFlight.Completion completion) {
        InFlight flight = completion.flight();
        inFlight.remove(flight.partition, flight);
        boolean claimed = claims.release(flight.plan.clusterId(), flight.partition);
        HeldLock lock = completion.ended() == null ? null : completion.ended().lock();
        try (PlanMdc mdc = PlanMdc.of(flight.plan); Scope scope = flight.span.makeCurrent()) {
            if (completion.error() != null) {
                LOG.errorf(completion.error(), "plan %s failed unexpectedly", flight.plan.planId());
            }
            if (flight.disowned || !running.getAsBoolean()) {
                LOG.infof("plan %s: this executor no longer owns its partition; it is not committed here",
                        flight.plan.planId());
                return;
            }
            if (!claimed) {
                disownedByGroup(flight);
                return;
            }
            PlanResult result = completion.ended() != null ? completion.ended().result()
                    : new PlanResult.Stopped("error: " + completion.error());
            ending.publish(consumer, flight, result, lock);
        } finally {
            flight.span.end();
            if (lock != null) {
                lock.close();
            }
        }
    }

    /**
     * The group rejected a step event of the run: its partition is another executor's, so no outcome is committed
     * here. Should the partition still be assigned (the rejection raced a rebalance that gave it back), the plan
     * is delivered again, for whoever owns it after the rebalance.
     */
    private void disownedByGroup(InFlight flight) {
        flight.disowned = true;
        LOG.warnf("plan %s: the consumer group rejected its step event; partition %s is not this executor's, no"
                + " outcome is committed here", flight.plan.planId(), flight.partition);
        if (consumer.assignment().contains(flight.partition)) {
            ending.redeliver(consumer, flight, "its step event was rejected by the consumer group");
        }
    }

    /** Stops the workers (runs stop before their next step) and ends what they finished. */
    void shutDown() {
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(WORKER_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("plan workers still busy after %s", WORKER_STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainCompletions();
    }
}
