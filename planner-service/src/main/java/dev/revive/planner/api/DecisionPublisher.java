package dev.revive.planner.api;

import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topics;
import dev.revive.planner.PlannerConfig;
import dev.revive.planner.PlannerTopology;
import dev.revive.service.api.NotAcknowledgedException;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The one writer of {@code revive.decisions}: an idempotent {@code acks=all} producer configured from the
 * {@code kafka.*} properties; {@link #publish} returns once Kafka acknowledged the decision.
 */
@ApplicationScoped
public class DecisionPublisher {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Clock clock;
    private final Duration ackTimeout;

    @Inject
    DecisionPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka, PlannerConfig config,
            Clock clock) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "revive-planner-decisions");
        settings.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(settings);
        this.clock = clock;
        this.ackTimeout = config.api().ackTimeout();
    }

    /** Sends {@code decision}, key = its cluster id, and waits for Kafka's acknowledgement. */
    public void publish(OperatorDecision decision) {
        Headers headers = CloudEventHeaders.write(new RecordHeaders(),
                EventTypes.describe(decision, PlannerTopology.SOURCE, clock.instant()));
        String topic = Topics.DECISIONS.name();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                Topics.DECISIONS.keySerde().serializer().serialize(topic, headers, decision.clusterId()),
                Topics.DECISIONS.valueSerde().serializer().serialize(topic, headers, decision), headers);
        try {
            producer.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NotAcknowledgedException("decision " + decision.decisionId() + " was not acknowledged by Kafka "
                    + "within " + ackTimeout + "; retry", e);
        } catch (ExecutionException e) {
            throw new NotAcknowledgedException("decision " + decision.decisionId() + " was refused by Kafka: "
                    + e.getCause().getMessage() + "; retry", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledgedException("interrupted while waiting for Kafka", e);
        }
    }

    @PreDestroy
    void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
