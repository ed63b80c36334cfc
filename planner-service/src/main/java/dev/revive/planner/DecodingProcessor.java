package dev.revive.planner;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.EventSerde;
import dev.revive.contracts.validation.LogSafe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Reads one input topic as bytes and decodes each record inside the topology, so that a record
 * that does not decode, or whose key is not its cluster id, goes to {@code revive.dlq} within the
 * same exactly-once transaction instead of stopping the application.
 *
 * @param <T> the decoded event type
 */
abstract class DecodingProcessor<T> implements Processor<byte[], byte[], Object, Object> {

    static final String SERVICE = "planner-service";
    static final String CLUSTER_ID = "clusterId";
    static final String INCIDENT_ID = "incidentId";

    private static final Logger LOG = Logger.getLogger(DecodingProcessor.class);

    private final EventSerde<T> serde;
    protected final Clock clock;
    protected ProcessorContext<Object, Object> context;

    DecodingProcessor(EventSerde<T> serde, Clock clock) {
        this.serde = serde;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public final void process(Record<byte[], byte[]> record) {
        try {
            if (record.value() == null && acceptsTombstones() && record.key() != null) {
                MDC.put(CLUSTER_ID, key(record));
                onTombstone(record, key(record));
                return;
            }
            T event = decode(record);
            MDC.put(CLUSTER_ID, clusterIdOf(event));
            requireKeyIsClusterId(record, event);
            handle(record, event);
        } catch (InvalidEventException rejected) {
            deadLetter(record, rejected);
        } finally {
            MDC.remove(CLUSTER_ID);
            MDC.remove(INCIDENT_ID);
        }
    }

    /** The cluster an event is about; its record key must be the same. */
    abstract String clusterIdOf(T event);

    /** Handles a decoded event; throws {@link InvalidEventException} to dead-letter it. */
    abstract void handle(Record<byte[], byte[]> record, T event);

    /** Whether a null value is a tombstone (compacted topics) rather than a bad record. */
    boolean acceptsTombstones() {
        return false;
    }

    void onTombstone(Record<byte[], byte[]> record, String key) {
    }

    static String key(Record<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private T decode(Record<byte[], byte[]> record) {
        if (record.value() == null) {
            return serde.codec().decode(null);
        }
        return serde.deserialize(topic(), record.headers(), record.value());
    }

    private void requireKeyIsClusterId(Record<byte[], byte[]> record, T event) {
        String key = key(record);
        if (key != null && !key.equals(clusterIdOf(event))) {
            throw new InvalidEventException(RejectReason.INVALID_VALUE, "key",
                    "record key '" + key + "' is not the cluster id '" + clusterIdOf(event) + "'");
        }
    }

    /** Sends the record unchanged to the dead-letter topic with the reason in its headers; logs one WARN. */
    void deadLetter(Record<byte[], byte[]> record, InvalidEventException why) {
        Optional<RecordMetadata> metadata = context.recordMetadata();
        ConsumerRecord<byte[], byte[]> consumed = new ConsumerRecord<>(topic(),
                metadata.map(RecordMetadata::partition).orElse(-1), metadata.map(RecordMetadata::offset).orElse(-1L),
                record.timestamp(), TimestampType.CREATE_TIME, -1, -1, record.key(), record.value(), record.headers(),
                Optional.empty());
        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(consumed, why, SERVICE, clock.instant());
        context.forward(new Record<>(letter.key(), letter.value(), record.timestamp(), letter.headers()),
                PlannerTopology.DLQ_SINK);
        LOG.warnf("Rejected record %s-%d@%d to the dead-letter topic: %s %s", consumed.topic(), consumed.partition(),
                consumed.offset(), why.reason(), LogSafe.text(why.getMessage()));
    }

    private String topic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
    }
}
