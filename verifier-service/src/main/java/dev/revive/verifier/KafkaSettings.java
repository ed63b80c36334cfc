package dev.revive.verifier;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The configurations of the verifier's Kafka clients, built on the application's {@code kafka.*}
 * properties. Every consumer reads committed records only and starts from the earliest offset.
 */
final class KafkaSettings {

    private static final Duration MIN_POLL_INTERVAL = Duration.ofMinutes(5);

    private final Map<String, Object> base;
    private final VerifierConfig config;

    /** @param base the {@code kafka.*} properties without their prefix, e.g. {@code bootstrap.servers} */
    KafkaSettings(Map<String, Object> base, VerifierConfig config) {
        this.base = Map.copyOf(base);
        this.config = config;
    }

    /** The consumer of {@code revive.executions}: in the verifier's group, offsets committed only in transactions. */
    Map<String, Object> executionsConsumer() {
        Map<String, Object> props = consumer();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.kafka().groupId());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) maxPollInterval().toMillis());
        return props;
    }

    /** The consumer of the reference topics: no group, assigned partitions, read from the beginning. */
    Map<String, Object> referenceConsumer() {
        Map<String, Object> props = consumer();
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return props;
    }

    /** The transactional producer of reports and dead letters. */
    Map<String, Object> producer() {
        Map<String, Object> props = new HashMap<>(base);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.kafka().transactionalId());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "revive-verifier-reports");
        return props;
    }

    /** The plain (not transactional) producer of the reference reader's dead letters (untrusted specs). */
    Map<String, Object> deadLetterProducer() {
        Map<String, Object> props = producer();
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "revive-verifier-dead-letters");
        return props;
    }

    /**
     * Between two polls the loop verifies at most one outcome (the rest of the batch is fetched
     * again), which may wait for its plan and spec and then settle; the group must not consider
     * the verifier dead meanwhile.
     */
    Duration maxPollInterval() {
        Duration perOutcome = config.kafka().referenceWait().multipliedBy(2).plus(config.checks().settleTime())
                .plus(config.checks().callTimeout().multipliedBy(10));
        Duration needed = perOutcome.multipliedBy(2);
        return needed.compareTo(MIN_POLL_INTERVAL) > 0 ? needed : MIN_POLL_INTERVAL;
    }

    private Map<String, Object> consumer() {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
