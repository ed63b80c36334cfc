package dev.revive.executor.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The executor's Kafka client settings. Every consumer reads committed records only and starts at
 * the earliest offset; the producer is transactional. Values are read as bytes so that every bad
 * record can be caught and dead-lettered.
 */
public final class KafkaClients {

    private static final int MAX_BLOCK_MS = 15_000;
    private static final int READ_TO_END_FETCH_WAIT_MS = 20;

    private KafkaClients() {
    }

    /** The consumer of {@code revive.plans}, in group {@code groupId}, committing offsets only through transactions. */
    public static Map<String, Object> planConsumer(String bootstrapServers, String groupId, String clientId) {
        return planConsumer(bootstrapServers, groupId, clientId, Duration.ofMinutes(1));
    }

    /** As {@link #planConsumer(String, String, String)}, with {@code apiTimeout} bounding blocking calls ({@code default.api.timeout.ms}). */
    public static Map<String, Object> planConsumer(String bootstrapServers, String groupId, String clientId,
            Duration apiTimeout) {
        Map<String, Object> config = reader(bootstrapServers, clientId);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.remove(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
        return config;
    }

    /**
     * A consumer without a group, for reading a topic to its end ({@code revive.clusters}, history).
     * Its fetches wait at most {@link #READ_TO_END_FETCH_WAIT_MS}: the last records of a
     * transactional topic are followed by a commit marker that a read-committed reader only passes
     * with one more fetch, which would otherwise wait the default 500 ms for data that never comes.
     */
    public static Map<String, Object> reader(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, READ_TO_END_FETCH_WAIT_MS);
        return config;
    }

    /**
     * The transactional producer of {@code revive.executions} and {@code revive.dlq} of executor {@code executorId}.
     * Its transactional id is {@link #transactionalId}, so a restarted executor with the same id fences its
     * predecessor's producer and aborts its open transaction.
     */
    public static Map<String, Object> producer(String bootstrapServers, String executorId) {
        return producer(bootstrapServers, executorId, Duration.ofMillis(MAX_BLOCK_MS));
    }

    /**
     * As {@link #producer(String, String)}, with {@code blockTimeout} bounding every blocking call
     * ({@code initTransactions}, {@code commitTransaction}, metadata waits: {@code max.block.ms}).
     */
    public static Map<String, Object> producer(String bootstrapServers, String executorId, Duration blockTimeout) {
        String transactionalId = transactionalId(executorId);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) blockTimeout.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /** The transactional id of executor {@code executorId}: derived from the id alone, so stable across restarts. */
    public static String transactionalId(String executorId) {
        return "revive-executor-" + executorId;
    }
}
