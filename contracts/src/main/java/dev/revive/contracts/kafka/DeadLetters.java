package dev.revive.contracts.kafka;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.metrics.ReviveMetrics;
import java.time.Instant;
import java.util.Arrays;
import java.util.StringJoiner;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the records of {@code revive.dlq}: the rejected key and value, its original headers, and why it
 * was rejected and where it came from in {@code revive.dlq.*} headers.
 *
 * <p>A dead letter always fits a default 1 MiB producer request, so that publishing it can never fail
 * for its size: the copied value is cut to {@link #MAX_VALUE_BYTES}, the key to {@link #MAX_KEY_BYTES},
 * the copied headers to {@link #MAX_COPIED_HEADER_BYTES} and the detail and field to
 * {@link #MAX_TEXT_CHARS}. What was cut is named in {@link #TRUNCATED}, with the original sizes. The
 * reason headers are always kept.
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
    /** What was cut to make the dead letter fit, comma-separated: {@code key}, {@code value}, {@code headers}. */
    public static final String TRUNCATED = "revive.dlq.truncated";
    /** The size in bytes of the rejected value, set when it was cut. */
    public static final String ORIGINAL_VALUE_SIZE = "revive.dlq.original-value-size";
    /** The size in bytes of the rejected key, set when it was cut. */
    public static final String ORIGINAL_KEY_SIZE = "revive.dlq.original-key-size";
    /** How many of the rejected record's headers were left off, set when some were. */
    public static final String DROPPED_HEADERS = "revive.dlq.dropped-headers";

    /** The most bytes of the rejected value a dead letter carries. */
    public static final int MAX_VALUE_BYTES = 512 * 1024;
    /** The most bytes of the rejected key a dead letter carries. */
    public static final int MAX_KEY_BYTES = 4 * 1024;
    /** The most bytes (keys and values) of the rejected record's headers a dead letter carries. */
    public static final int MAX_COPIED_HEADER_BYTES = 128 * 1024;
    /** The most characters of the detail and field headers. */
    public static final int MAX_TEXT_CHARS = 4 * 1024;

    private DeadLetters() {
    }

    /** The dead letter of a consumed record, rejected by {@code service} for {@code why}. */
    public static ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> rejected, InvalidEventException why,
            String service, Instant at) {
        Headers headers = new RecordHeaders();
        StringJoiner truncated = new StringJoiner(",");
        int dropped = copy(rejected.headers(), headers);
        describe(headers, why.reason(), why.field(), why.getMessage(), service, at);
        CloudEventHeaders.set(headers, SOURCE_TOPIC, rejected.topic());
        CloudEventHeaders.set(headers, SOURCE_PARTITION, Integer.toString(rejected.partition()));
        CloudEventHeaders.set(headers, SOURCE_OFFSET, Long.toString(rejected.offset()));
        if (dropped > 0) {
            truncated.add("headers");
            CloudEventHeaders.set(headers, DROPPED_HEADERS, Integer.toString(dropped));
        }
        return record(rejected.key(), rejected.value(), headers, truncated);
    }

    /** The dead letter of a request that never reached a topic (e.g. a REST body). */
    public static ProducerRecord<byte[], byte[]> of(byte[] key, byte[] value, RejectReason reason, String field,
            String detail, String service, Instant at) {
        Headers headers = new RecordHeaders();
        describe(headers, reason, field, detail, service, at);
        return record(key, value, headers, new StringJoiner(","));
    }

    /**
     * Adds the reason headers to {@code headers} (for frameworks that build the record themselves). Every dead letter
     * passes here once, so here it is counted ({@link ReviveMetrics#deadLettered}).
     */
    public static Headers describe(Headers headers, RejectReason reason, String field, String detail, String service,
            Instant at) {
        CloudEventHeaders.set(headers, REASON, reason.name());
        CloudEventHeaders.set(headers, FIELD, cut(field));
        CloudEventHeaders.set(headers, DETAIL, cut(detail));
        CloudEventHeaders.set(headers, SERVICE, service);
        CloudEventHeaders.set(headers, REJECTED_AT, at.toString());
        ReviveMetrics.global().deadLettered(reason, service);
        return headers;
    }

    /** The reason header of a dead letter. */
    public static String reason(Headers headers) {
        return CloudEventHeaders.value(headers, REASON);
    }

    private static ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value, Headers headers,
            StringJoiner truncated) {
        if (key != null && key.length > MAX_KEY_BYTES) {
            truncated.add("key");
            CloudEventHeaders.set(headers, ORIGINAL_KEY_SIZE, Integer.toString(key.length));
        }
        if (value != null && value.length > MAX_VALUE_BYTES) {
            truncated.add("value");
            CloudEventHeaders.set(headers, ORIGINAL_VALUE_SIZE, Integer.toString(value.length));
        }
        if (truncated.length() > 0) {
            CloudEventHeaders.set(headers, TRUNCATED, truncated.toString());
        }
        return new ProducerRecord<>(Topics.DLQ.name(), null, cut(key, MAX_KEY_BYTES), cut(value, MAX_VALUE_BYTES),
                headers);
    }

    /** Copies the headers that fit {@link #MAX_COPIED_HEADER_BYTES}, in order; returns how many were left off. */
    private static int copy(Headers original, Headers copy) {
        int size = 0;
        int dropped = 0;
        for (Header header : original) {
            int bytes = header.key().length() * 3 + (header.value() == null ? 0 : header.value().length);
            if (size + bytes > MAX_COPIED_HEADER_BYTES) {
                dropped++;
            } else {
                size += bytes;
                copy.add(header);
            }
        }
        return dropped;
    }

    private static byte[] cut(byte[] bytes, int max) {
        return bytes == null || bytes.length <= max ? bytes : Arrays.copyOf(bytes, max);
    }

    private static String cut(String text) {
        if (text == null || text.length() <= MAX_TEXT_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT_CHARS - 1)) ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS;
        return text.substring(0, end) + "…";
    }
}
