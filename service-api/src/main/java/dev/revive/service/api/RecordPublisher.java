package dev.revive.service.api;

import dev.revive.contracts.kafka.CloudEvent;
import dev.revive.contracts.kafka.EventRecords;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.kafka.Topic;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/**
 * How a service publishes a Revive contract record outside a transaction: keyed by cluster id, serialised by the
 * topic's own serdes, with the CloudEvent headers of {@link EventTypes#describe}, through one idempotent
 * {@code acks=all} producer built from the service's {@code kafka.*} properties. {@link #publish} hands back Kafka's
 * acknowledgement as a future; {@link #publishAndAwait} waits for it and turns a late or refused acknowledgement
 * into a {@link NotAcknowledgedException} (answered 503).
 *
 * <p>Each service produces one instance (its client id, its CloudEvent source) and closes it at shutdown.
 */
public final class RecordPublisher implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_BLOCK_MS = 10_000;

    private final Producer<byte[], byte[]> producer;
    private final String source;
    private final Clock clock;

    /**
     * A publisher with a producer of its own.
     *
     * @param kafka    the service's {@code kafka.*} properties ({@code bootstrap.servers}, …)
     * @param clientId the producer's client id, unless {@code kafka} names one
     * @param source   the CloudEvent source of every record, e.g. {@code /revive/detector}
     * @param clock    the CloudEvent time of every record
     */
    public RecordPublisher(Map<String, Object> kafka, String clientId, String source, Clock clock) {
        this(new KafkaProducer<>(producerSettings(kafka, clientId)), source, clock);
    }

    RecordPublisher(Producer<byte[], byte[]> producer, String source, Clock clock) {
        this.producer = producer;
        this.source = source;
        this.clock = clock;
    }

    /** Sends {@code value} to {@code topic} under {@code key}; the future completes when Kafka acknowledges it. */
    public <V> CompletableFuture<RecordMetadata> publish(Topic<String, V> topic, String key, V value) {
        return publish(topic, key, value, headers -> { });
    }

    /** Like {@link #publish(Topic, String, Object)}, with headers of the caller's added (e.g. a spec's signature). */
    public <V> CompletableFuture<RecordMetadata> publish(Topic<String, V> topic, String key, V value,
            Consumer<Headers> extraHeaders) {
        ProducerRecord<byte[], byte[]> record = EventRecords.of(topic, key, value, source, clock.instant());
        extraHeaders.accept(record.headers());
        return send(record);
    }

    /**
     * Sends {@code value} to {@code topic} under {@code key} and waits up to {@code ackTimeout} for Kafka's
     * acknowledgement.
     *
     * @param retryAdvice what the caller should do when it was not acknowledged, e.g. {@code retry with the same faultId}
     * @throws NotAcknowledgedException when Kafka did not acknowledge it in time, or refused it
     */
    public <V> RecordMetadata publishAndAwait(Topic<String, V> topic, String key, V value, Duration ackTimeout,
            String retryAdvice) {
        CloudEvent event = EventTypes.describe(value, source, clock.instant());
        return await(send(EventRecords.of(topic, key, value, event)), nameOf(event), ackTimeout, retryAdvice);
    }

    /**
     * Sends a record built elsewhere as it is (a {@code DeadLetters} record for {@code revive.dlq}) and waits up to
     * {@code ackTimeout} for Kafka's acknowledgement.
     *
     * @param what        what the record is, for the exception's message, e.g. {@code dead letter of alert 3f2a}
     * @param retryAdvice what the caller should do when it was not acknowledged
     * @throws NotAcknowledgedException when Kafka did not acknowledge it in time, or refused it
     */
    public RecordMetadata sendAndAwait(ProducerRecord<byte[], byte[]> record, String what, Duration ackTimeout,
            String retryAdvice) {
        return await(send(record), what, ackTimeout, retryAdvice);
    }

    /**
     * Waits up to {@code ackTimeout} for an acknowledgement of {@link #publish} (a caller that does more around the
     * publication, e.g. a trace, than {@link #publishAndAwait} does).
     *
     * @param what        what the record is, for the exception's message, e.g. {@code fault f-1}
     * @param retryAdvice what the caller should do when it was not acknowledged
     * @throws NotAcknowledgedException when Kafka did not acknowledge it in time, or refused it
     */
    public static RecordMetadata await(CompletableFuture<RecordMetadata> acknowledged, String what,
            Duration ackTimeout, String retryAdvice) {
        try {
            return acknowledged.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NotAcknowledgedException(what + " was not acknowledged by Kafka within " + ackTimeout
                    + "; " + retryAdvice, e);
        } catch (ExecutionException e) {
            throw new NotAcknowledgedException(what + " was refused by Kafka: " + e.getCause().getMessage()
                    + "; " + retryAdvice, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledgedException("interrupted while waiting for Kafka", e);
        }
    }

    /** Sends what is still buffered, then closes the producer. */
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
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

    /** {@code fault flt-1} for a {@code dev.revive.fault.v1} with id {@code flt-1}. */
    static String nameOf(CloudEvent event) {
        String type = event.type();
        String family = type.startsWith(EventTypes.PREFIX) ? type.substring(EventTypes.PREFIX.length()) : type;
        int versionDot = family.lastIndexOf('.');
        return (versionDot < 0 ? family : family.substring(0, versionDot)) + " " + event.id();
    }

    static Map<String, Object> producerSettings(Map<String, Object> kafka, String clientId) {
        Map<String, Object> settings = new KafkaClientSettings(kafka).producer(clientId);
        settings.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        return settings;
    }
}
