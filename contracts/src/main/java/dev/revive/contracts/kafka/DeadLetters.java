package dev.revive.contracts.kafka;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the records of {@code revive.dlq}: the rejected key and value unchanged, its original
 * headers kept, and why it was rejected and where it came from in {@code revive.dlq.*} headers.
 */
public final class DeadLetters {

    public static final String REASON = "revive.dlq.reason";
    public static final String FIELD = "revive.dlq.field";
    public static final String DETAIL = "revive.dlq.detail";
    public static final String SERVICE = "revive.dlq.service";
    public static final String SOURCE_TOPIC = "revive.dlq.source-topic";
    public static final String SOURCE_PARTITION = "revive.dlq.source-partition";
    public static final String SOURCE_OFFSET = "revive.dlq.source-offset";
    public static final String REJECTED_AT = "revive.dlq.rejected-at";

    private DeadLetters() {
    }

    /** The dead letter of a consumed record, rejected by {@code service} for {@code why}. */
    public static ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> rejected, InvalidEventException why,
            String service, Instant at) {
        Headers headers = copy(rejected.headers());
        describe(headers, why.reason(), why.field(), why.getMessage(), service, at);
        CloudEventHeaders.set(headers, SOURCE_TOPIC, rejected.topic());
        CloudEventHeaders.set(headers, SOURCE_PARTITION, Integer.toString(rejected.partition()));
        CloudEventHeaders.set(headers, SOURCE_OFFSET, Long.toString(rejected.offset()));
        return new ProducerRecord<>(Topics.DLQ.name(), null, rejected.key(), rejected.value(), headers);
    }

    /** The dead letter of a request that never reached a topic (e.g. a REST body). */
    public static ProducerRecord<byte[], byte[]> of(byte[] key, byte[] value, RejectReason reason, String field,
            String detail, String service, Instant at) {
        Headers headers = new RecordHeaders();
        describe(headers, reason, field, detail, service, at);
        return new ProducerRecord<>(Topics.DLQ.name(), null, key, value, headers);
    }

    /** Adds the reason headers to {@code headers} (for frameworks that build the record themselves). */
    public static Headers describe(Headers headers, RejectReason reason, String field, String detail, String service,
            Instant at) {
        CloudEventHeaders.set(headers, REASON, reason.name());
        CloudEventHeaders.set(headers, FIELD, field);
        CloudEventHeaders.set(headers, DETAIL, detail);
        CloudEventHeaders.set(headers, SERVICE, service);
        CloudEventHeaders.set(headers, REJECTED_AT, at.toString());
        return headers;
    }

    /** The reason header of a dead letter. */
    public static String reason(Headers headers) {
        return CloudEventHeaders.value(headers, REASON);
    }

    private static Headers copy(Headers original) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original) {
            headers.add(header);
        }
        return headers;
    }
}
