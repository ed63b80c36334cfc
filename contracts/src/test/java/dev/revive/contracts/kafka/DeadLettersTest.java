package dev.revive.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.Resources;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A dead letter is the rejected record unchanged, plus why and where from in revive.dlq.* headers. */
class DeadLettersTest {

    private static final Instant AT = Instant.parse("2025-03-14T09:26:54Z");
    private static final byte[] KEY = "etcd-3".getBytes(StandardCharsets.UTF_8);
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

    private static InvalidEventException rejectionOf(byte[] value) {
        try {
            Topics.FAULTS.valueSerde().deserializer().deserialize(Topics.FAULTS.name(), value);
        } catch (InvalidEventException e) {
            return e;
        }
        throw new AssertionError("expected the sample to be rejected");
    }
}
