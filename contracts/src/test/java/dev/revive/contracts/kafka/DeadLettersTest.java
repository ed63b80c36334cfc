package dev.revive.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.Resources;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.Test;

/** A dead letter is the rejected record, plus why and where from in revive.dlq.* headers, and always fits a request. */
class DeadLettersTest {

    private static final Instant AT = Instant.parse("2025-03-14T09:26:54Z");
    private static final byte[] KEY = "etcd-3".getBytes(StandardCharsets.UTF_8);
    private static final int DEFAULT_MAX_REQUEST = 1024 * 1024;
    private static final byte[] VALUE = Resources.bytes("invalid/fault-event.node-id-shell-injection.json");

    @Test
    void deadLetterOfAConsumedRecordKeepsItAndSaysWhyAndWhereFrom() {
        // given
        ConsumerRecord<byte[], byte[]> rejected = new ConsumerRecord<>(Topics.FAULTS.name(), 2, 1_041L, KEY, VALUE);
        CloudEventHeaders.write(rejected.headers(),
                new CloudEvent("flt-9", "/alertmanager", EventTypes.FAULT, AT.minusSeconds(1), "etcd-3"));
        InvalidEventException why = rejectionOf(VALUE);

        // when
        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(rejected, why, "planner-service", AT);

        // then
        assertThat(letter.topic()).isEqualTo(Topics.DLQ.name());
        assertThat(letter.key()).isEqualTo(KEY);
        assertThat(letter.value()).isEqualTo(VALUE);
        assertThat(CloudEventHeaders.value(letter.headers(), CloudEventHeaders.ID)).isEqualTo("flt-9");
        assertThat(CloudEventHeaders.value(letter.headers(), CloudEventHeaders.TYPE)).isEqualTo(EventTypes.FAULT);
        assertThat(DeadLetters.reason(letter.headers())).isEqualTo("INVALID_ID");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.FIELD)).isEqualTo("nodeId");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.DETAIL)).contains("infra2;rm -rf /");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.SERVICE)).isEqualTo("planner-service");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("revive.faults");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("1041");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.REJECTED_AT)).isEqualTo("2025-03-14T09:26:54Z");
    }

    @Test
    void deadLetterLeavesTheConsumedRecordsHeadersAlone() {
        // given
        ConsumerRecord<byte[], byte[]> rejected = new ConsumerRecord<>(Topics.FAULTS.name(), 0, 7L, KEY, VALUE);

        // when
        DeadLetters.of(rejected, rejectionOf(VALUE), "planner-service", AT);

        // then
        assertThat(rejected.headers().lastHeader(DeadLetters.REASON)).isNull();
    }

    @Test
    void deadLetterOfARequestBodyHasNoSourceOffsets() {
        // given
        byte[] body = "{\"clusterId\": \"etcd-3\"".getBytes(StandardCharsets.UTF_8);

        // when
        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(KEY, body, RejectReason.MALFORMED, "$",
                "not valid JSON", "detector-service", AT);

        // then
        assertThat(letter.topic()).isEqualTo(Topics.DLQ.name());
        assertThat(letter.value()).isEqualTo(body);
        assertThat(DeadLetters.reason(letter.headers())).isEqualTo("MALFORMED");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.FIELD)).isEqualTo("$");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.SERVICE)).isEqualTo("detector-service");
        assertThat(letter.headers().lastHeader(DeadLetters.SOURCE_OFFSET)).isNull();
    }

    @Test
    void deadLetterOfARecordOfOneMegabyteIsCutToFitADefaultRequestAndKeepsTheReason() {
        // given: a value that fits a default request alone, but not with the reason headers added
        byte[] value = new byte[DEFAULT_MAX_REQUEST - 200];
        Arrays.fill(value, (byte) 'x');
        ConsumerRecord<byte[], byte[]> rejected = new ConsumerRecord<>(Topics.EXECUTIONS.name(), 0, 3L, KEY, value);

        // when
        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(rejected, rejectionOf(value), "verifier-service", AT);

        // then
        assertThat(sizeOf(letter)).isLessThanOrEqualTo(DEFAULT_MAX_REQUEST);
        assertThat(letter.value()).hasSize(DeadLetters.MAX_VALUE_BYTES)
                .isEqualTo(Arrays.copyOf(value, DeadLetters.MAX_VALUE_BYTES));
        assertThat(letter.key()).isEqualTo(KEY);
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.TRUNCATED)).isEqualTo("value");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.ORIGINAL_VALUE_SIZE))
                .isEqualTo(Integer.toString(value.length));
        assertThat(letter.headers().lastHeader(DeadLetters.ORIGINAL_KEY_SIZE)).isNull();
        assertThat(DeadLetters.reason(letter.headers())).isEqualTo("MALFORMED");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("3");
    }

    @Test
    void deadLetterAlwaysFitsADefaultRequestHoweverLargeTheKeyHeadersAndDetail() {
        // given: a huge key, a huge detail and many large headers
        byte[] key = new byte[DEFAULT_MAX_REQUEST];
        byte[] value = new byte[DEFAULT_MAX_REQUEST];
        ConsumerRecord<byte[], byte[]> rejected = new ConsumerRecord<>(Topics.FAULTS.name(), 1, 9L, key, value);
        for (int i = 0; i < 64; i++) {
            rejected.headers().add("h" + i, new byte[16 * 1024]);
        }
        InvalidEventException why = new InvalidEventException(RejectReason.MALFORMED, "f".repeat(DEFAULT_MAX_REQUEST),
                "d".repeat(DEFAULT_MAX_REQUEST));

        // when
        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(rejected, why, "planner-service", AT);

        // then
        assertThat(sizeOf(letter)).isLessThanOrEqualTo(DEFAULT_MAX_REQUEST);
        assertThat(letter.key()).hasSize(DeadLetters.MAX_KEY_BYTES);
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.TRUNCATED)).isEqualTo("headers,key,value");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.ORIGINAL_KEY_SIZE))
                .isEqualTo(Integer.toString(key.length));
        assertThat(Integer.parseInt(CloudEventHeaders.value(letter.headers(), DeadLetters.DROPPED_HEADERS)))
                .isPositive();
        assertThat(DeadLetters.reason(letter.headers())).isEqualTo("MALFORMED");
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.DETAIL)).startsWith("ffff")
                .hasSize(DeadLetters.MAX_TEXT_CHARS + 1);
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.FIELD))
                .hasSize(DeadLetters.MAX_TEXT_CHARS + 1);
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.SERVICE)).isEqualTo("planner-service");
    }

    @Test
    void deadLetterOfARequestBodyIsCutToo() {
        // given
        byte[] body = new byte[DEFAULT_MAX_REQUEST];

        // when
        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(KEY, body, RejectReason.MALFORMED, "$", "not JSON",
                "detector-service", AT);

        // then
        assertThat(sizeOf(letter)).isLessThanOrEqualTo(DEFAULT_MAX_REQUEST);
        assertThat(CloudEventHeaders.value(letter.headers(), DeadLetters.TRUNCATED)).isEqualTo("value");
        assertThat(DeadLetters.reason(letter.headers())).isEqualTo("MALFORMED");
    }

    /** The size the producer checks against {@code max.request.size}. */
    private static int sizeOf(ProducerRecord<byte[], byte[]> letter) {
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                letter.key(), letter.value(), letter.headers().toArray());
    }

    private static InvalidEventException rejectionOf(byte[] value) {
        try {
            Topics.FAULTS.valueSerde().deserializer().deserialize(Topics.FAULTS.name(), value);
        } catch (InvalidEventException e) {
            return e;
        }
        throw new AssertionError("expected the sample to be rejected");
    }
}
