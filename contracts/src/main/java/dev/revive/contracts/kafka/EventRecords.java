package dev.revive.contracts.kafka;

import dev.revive.contracts.tracing.Tracing;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one place that builds a Revive record for Kafka: keyed by cluster id, key and value serialised by the
 * topic's own serdes, CloudEvents binary-mode headers from {@link EventTypes#describe}. Partitioning is left to
 * the producer (by key). A record written while a span is current carries that span's context in
 * {@code traceparent} ({@link Tracing#injectCurrent}), so an incident's records share one trace.
 */
public final class EventRecords {

    private EventRecords() {
    }

    /** The record of {@code value} on {@code topic} under {@code key}, written by {@code source} at {@code time}. */
    public static <V> ProducerRecord<byte[], byte[]> of(Topic<String, V> topic, String key, V value, String source,
            Instant time) {
        return of(topic, key, value, EventTypes.describe(value, source, time));
    }

    /** The record of {@code value} on {@code topic} under {@code key}, with the CloudEvent attributes {@code event}. */
    public static <V> ProducerRecord<byte[], byte[]> of(Topic<String, V> topic, String key, V value,
            CloudEvent event) {
        Headers headers = Tracing.injectCurrent(CloudEventHeaders.write(new RecordHeaders(), event));
        return new ProducerRecord<>(topic.name(), null,
                topic.keySerde().serializer().serialize(topic.name(), headers, key),
                topic.valueSerde().serializer().serialize(topic.name(), headers, value), headers);
    }

    /** The CloudEvent headers alone, for a writer that builds its own record (a Kafka Streams processor). */
    public static Headers headers(Object value, String source, Instant time) {
        return Tracing.injectCurrent(CloudEventHeaders.write(new RecordHeaders(),
                EventTypes.describe(value, source, time)));
    }
}
