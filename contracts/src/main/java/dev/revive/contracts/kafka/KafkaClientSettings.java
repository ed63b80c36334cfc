package dev.revive.contracts.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one place a Revive service builds its Kafka client settings: a service's {@code kafka.*} properties (without
 * the prefix: {@code bootstrap.servers} and any {@code security.protocol}, {@code sasl.*}, {@code ssl.*} keys, passed
 * through untouched) plus what each kind of client needs. Every reader and consumer reads committed records only,
 * from the earliest offset, never commits automatically and reads bytes (so every bad record can be dead-lettered);
 * every producer is idempotent with {@code acks=all} and writes bytes.
 *
 * <p>Secrets ({@code sasl.jaas.config}, {@code ssl.*.password}) come in through the properties and never leave
 * through {@link #toString()}.
 */
public final class KafkaClientSettings {

    private static final String REDACTED = "<redacted>";

    private final Map<String, Object> base;

    /** @param kafka the service's {@code kafka.*} properties without their prefix, e.g. {@code bootstrap.servers} */
    public KafkaClientSettings(Map<String, ?> kafka) {
        this.base = Map.copyOf(kafka);
    }

    /** Settings of a plain-text broker at {@code bootstrapServers}, with no other property. */
    public static KafkaClientSettings of(String bootstrapServers) {
        return new KafkaClientSettings(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** These settings plus {@code extra} (e.g. a principal's security settings); {@code extra} wins. */
    public KafkaClientSettings with(Map<String, ?> extra) {
        Map<String, Object> merged = new HashMap<>(base);
        merged.putAll(extra);
        return new KafkaClientSettings(merged);
    }

    /** The service's {@code kafka.*} properties, e.g. for an admin client. */
    public Map<String, Object> common() {
        return new HashMap<>(base);
    }

    /** A consumer without a group (assigned partitions, a topic read to its end), named {@code clientId}. */
    public Map<String, Object> reader(String clientId) {
        Map<String, Object> config = new HashMap<>(base);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /** A consumer in group {@code groupId}, named {@code clientId}; it commits offsets only when told to. */
    public Map<String, Object> consumer(String groupId, String clientId) {
        Map<String, Object> config = reader(clientId);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        return config;
    }

    /** A plain (not transactional) producer, named {@code clientId} unless the properties name one. */
    public Map<String, Object> producer(String clientId) {
        Map<String, Object> config = new HashMap<>(base);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /** The transactional producer with id {@code transactionalId}, named {@code clientId}. */
    public Map<String, Object> transactionalProducer(String transactionalId, String clientId) {
        Map<String, Object> config = producer(clientId);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return config;
    }

    /** The properties with every secret ({@code sasl.jaas.config}, any {@code *password*}) redacted. */
    @Override
    public String toString() {
        Map<String, Object> shown = new TreeMap<>();
        base.forEach((key, value) -> shown.put(key, isSecret(key) ? REDACTED : value));
        return "KafkaClientSettings" + shown;
    }

    private static boolean isSecret(String key) {
        return key.contains("password") || key.contains("jaas") || key.endsWith(".key");
    }
}
