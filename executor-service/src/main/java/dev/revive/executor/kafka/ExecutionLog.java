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
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * The executor's transactional producer. Each step event is committed in a transaction of its own,
 * so it is visible at once; a plan's outcome is committed in the transaction that also commits the
 * plan's consumer offset, so that an unfinished plan is delivered again after a crash. One
 * transaction at a time: the methods are synchronized.
 */
public final class ExecutionLog implements StepRecorder, AutoCloseable {

    /** The CloudEvent source of everything the executor writes. */
    public static final String SOURCE = "/revive/executor";

    private static final Logger LOG = Logger.getLogger(ExecutionLog.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Clock clock;
    private volatile boolean fatal;

    public ExecutionLog(Map<String, Object> producerConfig, Clock clock) {
        this.producer = new KafkaProducer<>(producerConfig);
        this.clock = clock;
    }

    /** Registers the transactional id, fencing any earlier producer with the same id. */
    public synchronized void init() {
        producer.initTransactions();
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
        try {
            producer.beginTransaction();
            records.forEach(producer::send);
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, group);
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                | UnsupportedVersionException e) {
            fatal = true;
            throw new ExecutionLogException("transaction failed fatally: " + e, e, true);
        } catch (KafkaException e) {
            abortQuietly();
            throw new ExecutionLogException("transaction aborted: " + e, e, false);
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

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.debugf("abort after a failed transaction failed too: %s", e.getMessage());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
