package dev.revive.executor.kafka;

import dev.revive.contracts.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The executor's Kafka client settings, built on {@link KafkaClientSettings} (the service's {@code kafka.*}
 * properties, security included). Every consumer reads committed records only and starts at the earliest offset;
 * the producer is transactional. Values are read as bytes so that every bad record can be caught and dead-lettered.
 */
public final class KafkaClients {

    private static final int MAX_BLOCK_MS = 15_000;
    private static final int READ_TO_END_FETCH_WAIT_MS = 20;
    private static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofSeconds(3);

    private KafkaClients() {
    }

    /** The consumer of {@code revive.plans}, in group {@code groupId}, committing offsets only through transactions. */
    public static Map<String, Object> planConsumer(String bootstrapServers, String groupId, String clientId) {
        return planConsumer(KafkaClientSettings.of(bootstrapServers), groupId, clientId, Duration.ofMinutes(1));
    }

    /** As {@link #planConsumer(KafkaClientSettings, String, String, Duration)} on a plain-text broker. */
    public static Map<String, Object> planConsumer(String bootstrapServers, String groupId, String clientId,
            Duration apiTimeout) {
        return planConsumer(KafkaClientSettings.of(bootstrapServers), groupId, clientId, apiTimeout);
    }

    /**
     * The consumer of {@code revive.plans} on the service's {@code kafka.*} settings, with {@code apiTimeout}
     * bounding blocking calls ({@code default.api.timeout.ms}).
     */
    public static Map<String, Object> planConsumer(KafkaClientSettings kafka, String groupId, String clientId,
            Duration apiTimeout) {
        return planConsumer(kafka, groupId, clientId, apiTimeout, DEFAULT_SESSION_TIMEOUT);
    }

    /** As {@link #planConsumer(KafkaClientSettings, String, String, Duration, Duration)} on a plain-text broker. */
    public static Map<String, Object> planConsumer(String bootstrapServers, String groupId, String clientId,
            Duration apiTimeout, Duration sessionTimeout) {
        return planConsumer(KafkaClientSettings.of(bootstrapServers), groupId, clientId, apiTimeout, sessionTimeout);
    }

    /**
     * The consumer of {@code revive.plans} on the service's {@code kafka.*} settings, with {@code apiTimeout}
     * bounding blocking calls ({@code default.api.timeout.ms}) and {@code sessionTimeout} its group session
     * ({@code session.timeout.ms}; heartbeats every third of it, at most every 3 s).
     */
    public static Map<String, Object> planConsumer(KafkaClientSettings kafka, String groupId, String clientId,
            Duration apiTimeout, Duration sessionTimeout) {
        Map<String, Object> config = kafka.consumer(groupId, clientId);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        Duration third = sessionTimeout.dividedBy(3);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                (int) (third.compareTo(MAX_HEARTBEAT_INTERVAL) < 0 ? third : MAX_HEARTBEAT_INTERVAL).toMillis());
        return config;
    }

    /** As {@link #reader(KafkaClientSettings, String)} on a plain-text broker. */
    public static Map<String, Object> reader(String bootstrapServers, String clientId) {
        return reader(KafkaClientSettings.of(bootstrapServers), clientId);
    }

    /**
     * A consumer without a group, for reading a topic to its end ({@code revive.clusters}, history).
     * Its fetches wait at most {@link #READ_TO_END_FETCH_WAIT_MS}: the last records of a
     * transactional topic are followed by a commit marker that a read-committed reader only passes
     * with one more fetch, which would otherwise wait the default 500 ms for data that never comes.
     */
    public static Map<String, Object> reader(KafkaClientSettings kafka, String clientId) {
        Map<String, Object> config = kafka.reader(clientId);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, READ_TO_END_FETCH_WAIT_MS);
        return config;
    }

    /**
     * The transactional producer of {@code revive.executions} and {@code revive.dlq} of executor {@code executorId}.
     * Its transactional id is {@link #transactionalId}, so a restarted executor with the same id fences its
     * predecessor's producer and aborts its open transaction.
     */
    public static Map<String, Object> producer(String bootstrapServers, String executorId) {
        return producer(KafkaClientSettings.of(bootstrapServers), executorId, Duration.ofMillis(MAX_BLOCK_MS));
    }

    /** As {@link #producer(KafkaClientSettings, String, Duration)} on a plain-text broker. */
    public static Map<String, Object> producer(String bootstrapServers, String executorId, Duration blockTimeout) {
        return producer(KafkaClientSettings.of(bootstrapServers), executorId, blockTimeout);
    }

    /**
     * The transactional producer of executor {@code executorId} on the service's {@code kafka.*} settings, with
     * {@code blockTimeout} bounding every blocking call ({@code initTransactions}, {@code commitTransaction},
     * metadata waits: {@code max.block.ms}).
     */
    public static Map<String, Object> producer(KafkaClientSettings kafka, String executorId, Duration blockTimeout) {
        String transactionalId = transactionalId(executorId);
        Map<String, Object> config = kafka.transactionalProducer(transactionalId, transactionalId);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) blockTimeout.toMillis());
        return config;
    }

    /** The transactional id of executor {@code executorId}: derived from the id alone, so stable across restarts. */
    public static String transactionalId(String executorId) {
        return "revive-executor-" + executorId;
    }
}
