package dev.revive.cli;

import dev.revive.contracts.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Revive's topics as the CLI reads and writes them, with the services' client settings ({@link KafkaClientSettings}:
 * read-committed, group-less readers; idempotent producers with {@code acks=all}). Every call is bounded by
 * {@link #TIMEOUT}; failures become {@link Exit.Failure}s by type: a timeout is unreachable, an authentication or
 * authorization error refused, any other Kafka error failed.
 */
public final class Kafka {

    /** The bound of every Kafka call. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String CLIENT_ID = "revive-cli";
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaClientSettings settings;

    /** Kafka with these {@code kafka.*} settings (without the prefix). */
    public Kafka(Map<String, Object> settings) {
        this.settings = new KafkaClientSettings(settings);
    }

    /** Every record of {@code topic} from its beginning to its end as of now. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        guard(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
                List<TopicPartition> partitions = assign(consumer, List.of(topic), false);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (partitions.stream().anyMatch(partition -> consumer.position(partition, TIMEOUT)
                        < end.get(partition))) {
                    if (System.nanoTime() > deadline) {
                        throw new TimeoutException("reading " + topic + " to its end took longer than " + TIMEOUT);
                    }
                    consumer.poll(POLL).forEach(records::add);
                }
            }
            return null;
        });
        return records;
    }

    /**
     * Hands every record of {@code topics} written from now on to {@code sink} until {@code done} says so (checked
     * after every poll).
     */
    public void tail(Collection<String> topics, Consumer<ConsumerRecord<byte[], byte[]>> sink, BooleanSupplier done) {
        guard(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = reader()) {
                assign(consumer, topics, true);
                while (!done.getAsBoolean()) {
                    consumer.poll(POLL).forEach(sink);
                }
            }
            return null;
        });
    }

    /** Sends one record and waits for Kafka's acknowledgement. */
    public RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        return guard(() -> {
            Map<String, Object> config = settings.producer(CLIENT_ID);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
                return producer.send(record).get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new TimeoutException("Kafka did not acknowledge the record within " + TIMEOUT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TimeoutException("interrupted while waiting for Kafka");
            }
        });
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        Map<String, Object> config = settings.reader(CLIENT_ID);
        config.put("default.api.timeout.ms", (int) TIMEOUT.toMillis());
        return new KafkaConsumer<>(config);
    }

    private static List<TopicPartition> assign(KafkaConsumer<byte[], byte[]> consumer, Collection<String> topics,
            boolean fromEnd) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            var infos = consumer.partitionsFor(topic, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new Exit.Failure(Exit.FAILED, "topic " + topic + " does not exist");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
        }
        consumer.assign(partitions);
        if (fromEnd) {
            consumer.seekToEnd(partitions);
            partitions.forEach(partition -> consumer.position(partition, TIMEOUT));
        } else {
            consumer.seekToBeginning(partitions);
        }
        return partitions;
    }

    private interface KafkaCall<T> {
        T run() throws KafkaException;
    }

    private static <T> T guard(KafkaCall<T> call) {
        try {
            return call.run();
        } catch (AuthenticationException | AuthorizationException e) {
            throw new Exit.Failure(Exit.REFUSED, "Kafka refused the CLI: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new Exit.Failure(Exit.UNREACHABLE, "Kafka cannot be reached: " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new Exit.Failure(Exit.FAILED, "Kafka: " + e, e);
        }
    }
}
