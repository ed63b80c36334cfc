package dev.revive.executor.kafka;

import dev.revive.contracts.kafka.TransactionalPublisher.TransactionFailedException;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.time.Backoff;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.executor.plan.ExecutionEvents;
import dev.revive.executor.plan.PlanJob;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The executor's Kafka loop, on its own thread: polls {@code revive.plans} and hands the records to its
 * {@link PlanRuns}, which triages each plan and hands a plan to run to a worker thread. While it runs, the rest of its partition is only read ahead:
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

    private final Map<String, Object> consumerConfig;
    private final Supplier<ClusterRegistry> registries;
    private final ExecutionLog log;
    private final Clock clock;
    private final LoopSettings settings;
    private final PlanRuns runs;
    private final LoopHeartbeat heartbeat = new LoopHeartbeat();
    private final CountDownLatch stopped = new CountDownLatch(1);
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
     * @param claims         the runs' claims on their plan partitions, the step-event recorder of {@code job}
     * @param job            runs one plan
     * @param events         builds the outcome of a plan that is given up
     * @param clock          the time source
     * @param settings       timing and bounds
     * @param tracing        continues each plan's trace in its run and its events
     */
    public PlanLoop(Map<String, Object> consumerConfig, Supplier<ClusterRegistry> registries, ExecutionLog log,
            PartitionClaims claims, PlanJob job, ExecutionEvents events, Clock clock, LoopSettings settings,
            Tracing tracing) {
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.registries = registries;
        this.log = log;
        this.clock = clock;
        this.settings = settings;
        this.backoff = settings.rebuildBackoff();
        this.runs = new PlanRuns(log, claims, job, events, clock, settings, () -> running, tracing);
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
        consumer.subscribe(List.of(Topics.PLANS.name()), runs.attach(consumer, clusters));
        ready = true;
        LOG.info("executor loop running");
        while (running && !log.isFatal()) {
            heartbeat.beat(clock.instant());
            iterate();
        }
    }

    private void iterate() {
        try {
            runs.drainCompletions();
            if (!log.settle()) {
                LOG.debug("a commit is in doubt or the producer is not usable; nothing is taken up meanwhile");
                pause(settings.pollTimeout());
                return;
            }
            runs.resumeDue();
            clusters.poll(Duration.ZERO);
            ConsumerRecords<byte[], byte[]> records = consumer.poll(settings.pollTimeout());
            runs.regroup();
            runs.handle(records);
            backoff = settings.rebuildBackoff();
        } catch (WakeupException e) {
            LOG.debug("woken up: a run ended or the executor stops");
        } catch (TransactionFailedException e) {
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
        Set<TopicPartition> idle = runs.idle();
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
        runs.detach();
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
        backoff = Backoff.doubled(backoff, settings.maxRebuildBackoff());
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

    private void shutDown() {
        running = false;
        runs.shutDown();
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
