package dev.revive.verifier;

import dev.revive.contracts.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The configurations of the verifier's Kafka clients, built by {@link KafkaClientSettings} on the application's
 * {@code kafka.*} properties (security settings included). Every consumer reads committed records only and starts
 * from the earliest offset.
 */
final class KafkaSettings {

    private static final Duration MIN_POLL_INTERVAL = Duration.ofMinutes(5);

    /**
     * How long a killed verifier keeps its partitions of {@code revive.executions} before the group hands them to
     * another instance, unless {@code kafka.session.timeout.ms} says otherwise (Kafka's default of 45 s stalled the
     * reports of a restarted verifier for 30-45 s in {@code ServiceChaosIT}).
     */
    private static final int SESSION_TIMEOUT_MS = 10_000;
    private final KafkaClientSettings clients;
    private final VerifierConfig config;

    /** @param base the {@code kafka.*} properties without their prefix, e.g. {@code bootstrap.servers} */
    KafkaSettings(Map<String, Object> base, VerifierConfig config) {
        this.clients = new KafkaClientSettings(base);
        this.config = config;
    }

    /** The consumer of {@code revive.executions}: in the verifier's group, offsets committed only in transactions. */
    Map<String, Object> executionsConsumer() {
        Map<String, Object> props = clients.consumer(config.kafka().groupId(), "revive-verifier-executions");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) maxPollInterval().toMillis());
        props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        return props;
    }

    /** The consumer of the reference topics: no group, assigned partitions, read from the beginning. */
    Map<String, Object> referenceConsumer() {
        Map<String, Object> props = clients.reader("revive-verifier-references");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return props;
    }

    /** The transactional producer of reports and dead letters. */
    Map<String, Object> producer() {
        return clients.transactionalProducer(config.kafka().transactionalId(), "revive-verifier-reports");
    }

    /** The plain (not transactional) producer of the reference reader's dead letters (untrusted specs). */
    Map<String, Object> deadLetterProducer() {
        return clients.producer("revive-verifier-dead-letters");
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
}
