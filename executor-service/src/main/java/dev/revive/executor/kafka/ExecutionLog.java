package dev.revive.executor.kafka;

import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topics;
import dev.revive.executor.plan.StepRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * The executor's transactional producer. Each step event is committed in a transaction of its own,
 * so it is visible at once; a plan's outcome is committed in the transaction that also commits the
 * plan's consumer offset, so that an unfinished plan is delivered again after a crash. One
 * transaction at a time: the methods are synchronized.
 *
 * <p>A commit that times out (broker outage) leaves the transaction <em>in doubt</em>: it may or may
 * not be committed. Nothing else is written until {@link #settle()} has resolved it, first by calling
 * {@code commitTransaction} again (the retry Kafka documents for a timed-out commit), and when the
 * producer is in an abortable or unknown state by replacing it: a new producer with the same
 * transactional id completes or aborts the open transaction in {@code initTransactions}. Either way
 * the plan's outcome is written once, because a redelivered plan reads its history after settling.
 * Only a fenced or otherwise fatal producer is given up.
 */
public final class ExecutionLog implements StepRecorder, AutoCloseable {

    /** The CloudEvent source of everything the executor writes. */
    public static final String SOURCE = "/revive/executor";

    private static final Logger LOG = Logger.getLogger(ExecutionLog.class);

    /** Where the producer stands. */
    private enum State { NEEDS_INIT, READY, COMMIT_IN_DOUBT }

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final Clock clock;
    private final Consumer<Map<TopicPartition, OffsetAndMetadata>> beforeCommit;
    private Producer<byte[], byte[]> producer;
    private volatile State state = State.NEEDS_INIT;
    private volatile boolean fatal;

    /**
     * @param producerConfig the transactional producer's configuration ({@link KafkaClients#producer})
     * @param clock          the time source of CloudEvent headers
     */
    public ExecutionLog(Map<String, Object> producerConfig, Clock clock) {
        this(producerConfig, clock, offsets -> { });
    }

    /** With {@code beforeCommit} given each transaction's offsets right before its commit: a seam for outage tests. */
    ExecutionLog(Map<String, Object> producerConfig, Clock clock,
            Consumer<Map<TopicPartition, OffsetAndMetadata>> beforeCommit) {
        this.producers = () -> new KafkaProducer<>(producerConfig);
        this.clock = clock;
        this.beforeCommit = beforeCommit;
    }

    /** Registers the transactional id, fencing any earlier producer with the same id; fails when it cannot. */
    public synchronized void init() {
        if (!settle()) {
            throw new ExecutionLogException("the transactional producer is not usable yet", null, fatal);
        }
    }

    /**
     * Makes the producer usable: resolves a transaction left in doubt, or builds and initialises a new
     * producer. Returns whether it is usable now; a call that cannot reach the broker returns false.
     */
    public synchronized boolean settle() {
        if (fatal) {
            return false;
        }
        if (state == State.COMMIT_IN_DOUBT) {
            retryCommit();
        }
        if (state == State.NEEDS_INIT) {
            rebuild();
        }
        return state == State.READY;
    }

    /** Whether the producer is initialised and no transaction is in doubt; does not wait for a running transaction. */
    public boolean isSettled() {
        return state == State.READY && !fatal;
    }

    @Override
    public synchronized void record(StepEvent event) {
        commit(List.of(recordOf(event)), Map.of(), null);
    }

    /** Commits {@code records} and the consumer offsets of {@code group} in one transaction. */
    public synchronized void commit(List<ProducerRecord<byte[], byte[]>> records,
            Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        if (fatal) {
            throw new ExecutionLogException("the producer was fenced or failed fatally earlier", null, true);
        }
        if (!settle()) {
            throw new ExecutionLogException("the producer is not usable: an earlier transaction is in doubt or the"
                    + " broker cannot be reached", null, fatal);
        }
        try {
            producer.beginTransaction();
            records.forEach(producer::send);
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, group);
            }
        } catch (KafkaException e) {
            failed(e);
            abortQuietly();
            throw new ExecutionLogException("transaction aborted: " + e, e, fatal);
        }
        try {
            beforeCommit.accept(offsets);
            producer.commitTransaction();
        } catch (TimeoutException e) {
            state = State.COMMIT_IN_DOUBT;
            throw new ExecutionLogException("commit timed out; the transaction is in doubt until the broker answers",
                    e, false);
        } catch (KafkaException e) {
            failed(e);
            abortQuietly();
            throw new ExecutionLogException("transaction aborted: " + e, e, fatal);
        }
    }

    /** Whether the producer can no longer be used. */
    public boolean isFatal() {
        return fatal;
    }

    /** The record of an execution event: key = clusterId, CloudEvent headers, JSON value. */
    public ProducerRecord<byte[], byte[]> recordOf(ExecutionEvent event) {
        String topic = Topics.EXECUTIONS.name();
        Headers headers = CloudEventHeaders.write(new RecordHeaders(), EventTypes.describe(event, SOURCE, clock.instant()));
        byte[] key = Topics.EXECUTIONS.keySerde().serializer().serialize(topic, event.clusterId());
        byte[] value = Topics.EXECUTIONS.valueSerde().serializer().serialize(topic, event);
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    private void retryCommit() {
        try {
            producer.commitTransaction();
            state = State.READY;
            LOG.info("the transaction left in doubt by a timed-out commit is committed");
        } catch (TimeoutException e) {
            LOG.debugf("the transaction in doubt still cannot be committed: %s", e.getMessage());
        } catch (KafkaException | IllegalStateException e) {
            failed(e);
            LOG.warnf("the transaction in doubt cannot be committed (%s); the producer is replaced, which completes"
                    + " or aborts it", e.toString());
            state = State.NEEDS_INIT;
        }
    }

    private void rebuild() {
        closeProducer(Duration.ZERO);
        if (fatal) {
            return;
        }
        try {
            producer = producers.get();
            producer.initTransactions();
            state = State.READY;
        } catch (KafkaException e) {
            failed(e);
            LOG.warnf("the transactional producer cannot be initialised yet: %s", e.toString());
            closeProducer(Duration.ZERO);
        }
    }

    /** Marks the producer fatal for the exceptions after which it must not be used again. */
    private void failed(RuntimeException e) {
        if (e instanceof ProducerFencedException || e instanceof OutOfOrderSequenceException
                || e instanceof AuthorizationException || e instanceof UnsupportedVersionException) {
            fatal = true;
        }
    }

    private void abortQuietly() {
        if (fatal) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            LOG.debugf("abort after a failed transaction failed too; the producer is replaced: %s", e.getMessage());
            state = State.NEEDS_INIT;
        }
    }

    private void closeProducer(Duration timeout) {
        if (producer == null) {
            return;
        }
        try {
            producer.close(timeout);
        } catch (KafkaException e) {
            LOG.debugf("closing the producer failed: %s", e.getMessage());
        }
        producer = null;
        state = State.NEEDS_INIT;
    }

    @Override
    public synchronized void close() {
        closeProducer(Duration.ofSeconds(5));
    }
}
