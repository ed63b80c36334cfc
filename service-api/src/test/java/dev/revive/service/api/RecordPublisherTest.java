package dev.revive.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.CloudEvent;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class RecordPublisherTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30Z");
    private static final FaultEvent FAULT = new FaultEvent("flt-1", "orders", "m1", FaultKind.PROCESS_DOWN,
            Severity.CRITICAL, NOW, "/revive/detector", Map.of(), "orders/m1/PROCESS_DOWN");

    @Test
    void recordIsKeyedByClusterWithTheTopicsSerdesAndItsCloudEventHeaders() {
        // given
        MockProducer<byte[], byte[]> producer = producer(true);

        // when
        publisher(producer).publish(Topics.FAULTS, FAULT.clusterId(), FAULT).join();

        // then
        ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo(Topics.FAULTS.name());
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("orders");
        assertThat(Topics.FAULTS.valueSerde().deserializer().deserialize(record.topic(), record.headers(),
                record.value())).isEqualTo(FAULT);
        assertThat(CloudEventHeaders.read(record.headers())).contains(
                new CloudEvent("flt-1", "/revive/detector", EventTypes.FAULT, NOW, FAULT.subject()));
    }

    @Test
    void extraHeadersOfTheCallerTravelBesideTheCloudEventHeaders() {
        // given
        MockProducer<byte[], byte[]> producer = producer(true);

        // when
        publisher(producer).publish(Topics.FAULTS, FAULT.clusterId(), FAULT,
                headers -> headers.add("revive-signature", "c2ln".getBytes(StandardCharsets.US_ASCII))).join();

        // then
        ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        assertThat(record.headers().lastHeader("revive-signature").value())
                .isEqualTo("c2ln".getBytes(StandardCharsets.US_ASCII));
        assertThat(CloudEventHeaders.read(record.headers())).isPresent();
    }

    @Test
    void publishCompletesOnlyWhenKafkaAcknowledges() {
        // given
        MockProducer<byte[], byte[]> producer = producer(false);
        CompletableFuture<RecordMetadata> acknowledged = publisher(producer).publish(Topics.FAULTS, "orders", FAULT);
        boolean doneBefore = acknowledged.isDone();

        // when
        producer.errorNext(new NotEnoughReplicasException("not enough replicas"));

        // then
        assertThat(doneBefore).isFalse();
        assertThat(acknowledged).isCompletedExceptionally();
    }

    @Test
    void recordKafkaRefusesIsNotAcknowledgedWithTheCallersAdvice() {
        // given a producer whose send fails at once
        MockProducer<byte[], byte[]> producer = producer(true);
        producer.sendException = new NotEnoughReplicasException("not enough replicas");

        // when / then
        assertThatThrownBy(() -> publisher(producer).publishAndAwait(Topics.FAULTS, "orders", FAULT,
                Duration.ofSeconds(5), "retry with the same faultId"))
                .isInstanceOf(NotAcknowledgedException.class)
                .hasMessage("fault flt-1 was refused by Kafka: not enough replicas; retry with the same faultId");
    }

    @Test
    void recordKafkaDoesNotAcknowledgeInTimeIsNotAcknowledged() {
        // given a producer that never completes a send
        MockProducer<byte[], byte[]> producer = producer(false);

        // when / then
        assertThatThrownBy(() -> publisher(producer).publishAndAwait(Topics.FAULTS, "orders", FAULT,
                Duration.ofMillis(50), "retry"))
                .isInstanceOf(NotAcknowledgedException.class)
                .hasMessage("fault flt-1 was not acknowledged by Kafka within PT0.05S; retry");
    }

    @Test
    void settingsAreIdempotentAllAcksBytesAndKeepTheClientIdTheServiceGave() {
        // when
        Map<String, Object> settings = RecordPublisher.producerSettings(Map.of("bootstrap.servers", "kafka:9092",
                ProducerConfig.CLIENT_ID_CONFIG, "from-config"), "revive-detector");

        // then
        assertThat(settings).containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "from-config")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        assertThat(RecordPublisher.producerSettings(Map.of(), "revive-detector"))
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "revive-detector");
    }

    private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static RecordPublisher publisher(MockProducer<byte[], byte[]> producer) {
        return new RecordPublisher(producer, "/revive/detector", Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
