package dev.revive.detector.kafka;

import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topic;
import dev.revive.detector.DetectorConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes Revive events: keyed by cluster id, serialised by the topic's own serdes, with CloudEvent
 * headers, through one idempotent {@code acks=all} producer configured from the {@code kafka.*}
 * properties ({@code kafka.bootstrap.servers}, …). Created at start, so that a broken Kafka
 * configuration stops the service at once.
 */
@Startup
@ApplicationScoped
public class EventPublisher {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Clock clock;
    private final String source;

    @Inject
    EventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, DetectorConfig config, Clock clock) {
        this.producer = new KafkaProducer<>(producerConfig(kafka));
        this.clock = clock;
        this.source = config.source();
    }

    /** Sends {@code value} to {@code topic} under {@code key}; the future completes when Kafka acknowledges it. */
    public <V> CompletableFuture<RecordMetadata> publish(Topic<String, V> topic, String key, V value) {
        Headers headers = CloudEventHeaders.write(new RecordHeaders(), EventTypes.describe(value, source, clock.instant()));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(), null,
                topic.keySerde().serializer().serialize(topic.name(), headers, key),
                topic.valueSerde().serializer().serialize(topic.name(), headers, value), headers);
        CompletableFuture<RecordMetadata> acknowledged = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(metadata);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    @PreDestroy
    void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "revive-detector");
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }
}
