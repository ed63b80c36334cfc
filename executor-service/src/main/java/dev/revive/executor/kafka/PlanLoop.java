package dev.revive.executor.kafka;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.kafka.Topics;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The executor's Kafka loop, on its own thread: polls {@code revive.plans}, triages each plan, and
 * hands a plan to run to a worker thread. While it runs, the rest of its partition is only read ahead:
 * a CANCEL revision of the running plan's incident withdraws it ({@link PlanTriage#withdrawal}), nothing
 * else is handled. When the run ends, the outcome is committed with the plan's offset in one transaction
 * and the partition is read again from the record after the plan; a run that stopped without an outcome
 * has its plan delivered again after a delay, within a {@link RedeliveryBudget}.
 *
 * <p>Supervised: when a session fails (the producer cannot be initialised, the cluster registry or a
 * rewind cannot reach the broker, ...), its runs are disowned, its consumer and registry are closed and
 * new ones are built after an exponential backoff; readiness is DOWN meanwhile. While a commit is in
 * doubt ({@link ExecutionLog#settle()}) nothing is taken up or resumed. Only a fatal producer (fenced by
 * another instance with the same id) ends the loop for good; {@link #heartbeat()} then says so.
 */
public final class PlanLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(PlanLoop.class);
    private static final Duration WORKER_STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Map<String, Object> consumerConfig;
    private final Supplier<ClusterRegistry> registries;
    private final ExecutionLog log;
    private final PlanJob job;
    private final Clock clock;
    private final LoopSettings settings;
    private final PlanTriage triage = new PlanTriage();
    private final PlanEnding ending;
    private final LoopHeartbeat heartbeat = new LoopHeartbeat();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> new Thread(runnable,
            "executor-plan-worker"));
    private final Map<TopicPartition, InFlight> inFlight = new HashMap<>();
    private final Queue<InFlight.Completion> completions = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, Instant> redeliverAt = new HashMap<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private ClusterRegistry clusters;
    private volatile boolean running = true;
    private volatile boolean ready;
    private final AtomicLong failedSessions = new AtomicLong();
    private Duration backoff;

    /**
     * @param consumerConfig the plan consumer's configuration ({@link KafkaClients#planConsumer})
     * @param registries     builds the registry of cluster specs, once per session
     * @param log            the transactional producer
     * @param job            runs one plan
     * @param events         builds the outcome of a plan that is given up
     * @param clock          the time source
     * @param settings       timing and bounds
     */
    public PlanLoop(Map<String, Object> consumerConfig, Supplier<ClusterRegistry> registries, ExecutionLog log,
            PlanJob job, ExecutionEvents events, Clock clock, LoopSettings settings) {
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.registries = registries;
        this.log = log;
        this.job = job;
        this.clock = clock;
        this.settings = settings;
        this.backoff = settings.rebuildBackoff();
        this.ending = new PlanEnding(log, events, clock, settings, redeliverAt);
    }

    /** True while the loop polls with working clients and its producer is usable. */
    public boolean isReady() {
        return ready && running && log.isSettled();
    }

    /** The loop's liveness: beats per iteration, ends when the loop ended for good. */
    public LoopHeartbeat heartbeat() {
        return heartbeat;
    }

    /** How often the loop failed and had its Kafka clients rebuilt. */
    public long failedSessions() {
        return failedSessions.get();
    }

    /** Asks the loop to end: runs stop before their next step, the loop closes its clients. */
    public void stop() {
        running = false;
        stopped.countDown();
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run() {
        try {
            while (running && !log.isFatal()) {
                heartbeat.beat(clock.instant());
                try {
                    session();
                } catch (RuntimeException e) {
                    failedSessions.incrementAndGet();
                    LOG.errorf(e, "executor loop failed; its Kafka clients are rebuilt in %s", backoff);
                } finally {
                    ready = false;
                    endSession();
                }
                if (running && !log.isFatal()) {
                    waitBeforeRebuild();
                }
            }
            if (log.isFatal()) {
                LOG.error("the transactional producer was fenced or failed fatally; this executor no longer acts");
            }
        } finally {
            ready = false;
            heartbeat.end();
            shutDown();
        }
    }

    /** One life of the Kafka clients: built, used until they fail or the loop stops. */
    private void session() {
        consumer = new KafkaConsumer<>(consumerConfig);
        clusters = registries.get();
        log.init();
        clusters.start();
        consumer.subscribe(List.of(Topics.PLANS.name()), new PlanRebalanceListener(consumer, inFlight, redeliverAt));
        ready = true;
        LOG.info("executor loop running");
        while (running && !log.isFatal()) {
            heartbeat.beat(clock.instant());
            iterate();
        }
    }

    private void iterate() {
        try {
            drainCompletions();
            if (!log.settle()) {
                LOG.debug("a commit is in doubt or the producer is not usable; nothing is taken up meanwhile");
                pause(settings.pollTimeout());
                return;
            }
            ending.resumeDue(consumer);
            clusters.poll(Duration.ZERO);
            handle(consumer.poll(settings.pollTimeout()));
            backoff = settings.rebuildBackoff();
        } catch (WakeupException e) {
            LOG.debug("woken up: a run ended or the executor stops");
        } catch (ExecutionLogException e) {
            LOG.warnf("writing to Kafka failed; reading plans again from the last committed offsets: %s",
                    e.getMessage());
            rewind();
        } catch (RuntimeException e) {
            LOG.errorf(e, "handling plans failed; reading them again from the last committed offsets");
            rewind();
        }
    }

    /** Positions every idle partition at its committed offset, so the records of a failed batch come again. */
    private void rewind() {
        Set<TopicPartition> idle = new HashSet<>(consumer.assignment());
        idle.removeAll(inFlight.keySet());
        idle.removeAll(redeliverAt.keySet());
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(idle);
        for (TopicPartition partition : idle) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToBeginning(Set.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
        pause(settings.pollTimeout());
    }

    /** A session ended: its runs are disowned (they stop, nothing is committed for them), its clients closed. */
    private void endSession() {
        inFlight.values().forEach(flight -> {
            flight.disowned = true;
            flight.cancel.set(true);
        });
        inFlight.clear();
        redeliverAt.clear();
        KafkaConsumer<byte[], byte[]> current = consumer;
        consumer = null;
        if (current != null) {
            closeQuietly(current::close, "plan consumer");
        }
        if (clusters != null) {
            closeQuietly(clusters::close, "cluster registry");
            clusters = null;
        }
    }

    private void waitBeforeRebuild() {
        pause(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(settings.maxRebuildBackoff()) > 0 ? settings.maxRebuildBackoff() : doubled;
    }

    /** Waits {@code duration}, or less when the loop is stopped. */
    private void pause(Duration duration) {
        try {
            stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void handle(ConsumerRecords<byte[], byte[]> records) {
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
                start(partition, record.offset(), plan, run.spec());
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
        } catch (ExecutionLogException e) {
            LOG.warnf("could not commit %d dead letters and offsets %s; they are handled again after a restart: %s",
                    pending.deadLetters().size(), pending.offsets(), e.getMessage());
        }
    }

    private void start(TopicPartition partition, long offset, RecoveryPlan plan, ClusterSpec spec) {
        consumer.seek(partition, offset + 1);
        InFlight flight = new InFlight(partition, offset, plan);
        inFlight.put(partition, flight);
        LOG.infof("plan %s (revision %d, %d steps) starts", plan.planId(), plan.revision(), plan.steps().size());
        workers.execute(() -> runJob(flight, spec));
    }

    /** On a worker thread. */
    private void runJob(InFlight flight, ClusterSpec spec) {
        InFlight.Completion completion;
        try (PlanMdc mdc = PlanMdc.of(flight.plan)) {
            PlanJob.Ended ended = job.run(flight.plan, spec, RunControl.of(() -> flight.cancel.get() || !running,
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

    private void drainCompletions() {
        for (InFlight.Completion completion = completions.poll(); completion != null; completion = completions.poll()) {
            complete(completion);
        }
    }

    private void complete(InFlight.Completion completion) {
        InFlight flight = completion.flight();
        inFlight.remove(flight.partition, flight);
        HeldLock lock = completion.ended() == null ? null : completion.ended().lock();
        try (PlanMdc mdc = PlanMdc.of(flight.plan)) {
            if (completion.error() != null) {
                LOG.errorf(completion.error(), "plan %s failed unexpectedly", flight.plan.planId());
            }
            if (flight.disowned || !running) {
                LOG.infof("plan %s: this executor no longer owns its partition; it is not committed here",
                        flight.plan.planId());
                return;
            }
            PlanResult result = completion.ended() != null ? completion.ended().result()
                    : new PlanResult.Stopped("error: " + completion.error());
            ending.publish(consumer, flight, result, lock);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private void shutDown() {
        running = false;
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(WORKER_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("plan workers still busy after %s", WORKER_STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainCompletions();
        endSession();
        closeQuietly(log::close, "execution log");
        LOG.info("executor loop stopped");
    }

    private static void closeQuietly(Runnable close, String what) {
        try {
            close.run();
        } catch (RuntimeException e) {
            LOG.warnf("closing the %s failed: %s", what, e.getMessage());
        }
    }
}
