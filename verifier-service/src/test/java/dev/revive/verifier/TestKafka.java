package dev.revive.verifier;

import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.testkit.TestSigningKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the tests do on Kafka: publish contract records as other services would, and read topics read_committed. */
public final class TestKafka implements AutoCloseable {

    private static final String SOURCE = "/revive/test";

    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;

    public TestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /**
     * Publishes {@code value} keyed by {@code clusterId} with CloudEvent headers, and waits for the ack; a cluster
     * spec is signed with the test operator key.
     */
    public <V> void publish(Topic<String, V> topic, String clusterId, V value) {
        publish(topic, clusterId, value, (headers, bytes) -> {
            if (topic.equals(Topics.CLUSTERS)) {
                TestSigningKey.signInto(headers, bytes);
            }
        });
    }

    /** Publishes {@code value} with CloudEvent headers and whatever {@code signing} adds for its bytes. */
    public <V> void publish(Topic<String, V> topic, String clusterId, V value, BiConsumer<Headers, byte[]> signing) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, EventTypes.describe(value, SOURCE, Clock.systemUTC().instant()));
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        signing.accept(headers, bytes);
        send(new ProducerRecord<>(topic.name(), null, topic.keySerde().serializer().serialize(topic.name(), clusterId),
                bytes, headers));
    }

    /** Publishes raw bytes, e.g. a record no service can decode. */
    public void publishRaw(Topic<?, ?> topic, byte[] key, byte[] value) {
        send(new ProducerRecord<>(topic.name(), key, value));
    }

    /** Every committed report on {@code revive.reports}. */
    public List<RecoveryReport> reports() {
        return readAll(Topics.REPORTS).stream()
                .map(record -> Topics.REPORTS.valueSerde().deserializer()
                        .deserialize(record.topic(), record.headers(), record.value()))
                .collect(Collectors.toList());
    }

    /** The committed reports of one plan. */
    public List<RecoveryReport> reportsOf(String planId) {
        return reports().stream().filter(report -> report.planId().equals(planId)).collect(Collectors.toList());
    }

    /** Every committed record of {@code topic}, read from the beginning up to its end. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(Topic<?, ?> topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + record.topic(), e);
        }
    }
}
