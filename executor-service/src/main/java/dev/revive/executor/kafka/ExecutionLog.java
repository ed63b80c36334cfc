package dev.revive.executor.kafka;

import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.kafka.EventRecords;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.kafka.TransactionalPublisher;
import dev.revive.contracts.kafka.TransactionalPublisher.TransactionFailedException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The executor's writes to {@code revive.executions}, through the one {@link TransactionalPublisher}. Each step
 * event is committed in a transaction of its own, so it is visible at once, together with its plan partition's
 * offset and consumer group metadata ({@link PartitionClaims}), so that an instance that lost the partition cannot
 * commit it; a plan's outcome is committed in the transaction that also commits the plan's consumer offset, so
 * that an unfinished plan is delivered again after a crash.
 *
 * <p>A commit that times out leaves the transaction in doubt and nothing else is written until {@link #settle()}
 * resolved it (see {@link TransactionalPublisher}); the plan's outcome is written once either way, because a
 * redelivered plan reads its history after settling. Only a fenced or otherwise fatal producer is given up.
 */
public final class ExecutionLog implements AutoCloseable {

    /** The CloudEvent source of everything the executor writes. */
    public static final String SOURCE = "/revive/executor";

    private final TransactionalPublisher publisher;
    private final Clock clock;

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
        this.publisher = new TransactionalPublisher(() -> new KafkaProducer<>(producerConfig), beforeCommit);
        this.clock = clock;
    }

    /** Registers the transactional id, fencing any earlier producer with the same id; fails when it cannot. */
    public void init() {
        publisher.init();
    }

    /** Resolves a transaction left in doubt or builds a new producer; whether the log is usable now. */
    public boolean settle() {
        return publisher.settle();
    }

    /** Whether the producer is initialised and no transaction is in doubt; does not wait for a running transaction. */
    public boolean isSettled() {
        return publisher.isSettled();
    }

    /**
     * Commits {@code records} and the consumer offsets of {@code group} in one transaction.
     *
     * @throws TransactionFailedException when it did not commit or its commit is in doubt
     */
    public void commit(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
            ConsumerGroupMetadata group) {
        publisher.commit(records, offsets, group);
    }

    /** Whether the producer can no longer be used. */
    public boolean isFatal() {
        return publisher.isFatal();
    }

    /** The record of an execution event: key = clusterId, CloudEvent headers, JSON value. */
    public ProducerRecord<byte[], byte[]> recordOf(ExecutionEvent event) {
        return EventRecords.of(Topics.EXECUTIONS, event.clusterId(), event, SOURCE, clock.instant());
    }

    @Override
    public void close() {
        publisher.close();
    }
}
