package dev.revive.executor;

import dev.revive.contracts.kafka.EventRecords;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.executor.kafka.KafkaClients;
import dev.revive.testkit.TestSigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What other services do to the executor's topics in a test: publish events, read topics back (committed only). */
final class KafkaTestClient implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;

    KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Publishes a contract value with CloudEvent headers, keyed by cluster id, and waits for the ack; a cluster
     * spec is signed with the test operator key.
     */
    <V> void publish(Topic<String, V> topic, String clusterId, V value) throws Exception {
        publish(topic, clusterId, value, (headers, bytes) -> {
            if (topic.equals(Topics.CLUSTERS)) {
                TestSigningKey.signInto(headers, bytes);
            }
        });
    }

    /** Publishes a contract value with CloudEvent headers and whatever {@code signing} adds for its bytes. */
    <V> void publish(Topic<String, V> topic, String clusterId, V value, BiConsumer<Headers, byte[]> signing)
            throws Exception {
        ProducerRecord<byte[], byte[]> record = EventRecords.of(topic, clusterId, value, "/revive/test", Instant.now());
        signing.accept(record.headers(), record.value());
        send(record);
    }

    /** Publishes bytes as they are, without headers. */
    void publishRaw(String topic, String clusterId, byte[] value) throws Exception {
        send(new ProducerRecord<>(topic, key(clusterId), value));
    }

    /** Every committed record of {@code topic}, from its beginning to its current end. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.reader(bootstrapServers,
                "test-reader"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private void send(ProducerRecord<byte[], byte[]> record) throws Exception {
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    private static byte[] key(String clusterId) {
        return clusterId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
