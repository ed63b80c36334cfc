package dev.revive.testkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer for tests against a target Kafka cluster: an idempotent producer ({@code acks=all},
 * {@code enable.idempotence=true}) writes numbered records to one topic on its own thread until stopped, and remembers
 * every sequence number the cluster acknowledged. {@link #verifyExactlyOnce()} reads the topic back with a
 * {@code read_committed} consumer and counts what it finds: every acknowledged record must be there exactly once.
 * A record whose send failed may still be there once (its acknowledgement was lost); it is not a duplicate.
 */
public final class KafkaWriter implements AutoCloseable {

    /** What {@link #verifyExactlyOnce()} found. */
    public record Counts(long acknowledged, long found, long missingAcked, long duplicates, long failedSends) {

        /** Every acknowledged record was found, and none twice. */
        public boolean exactlyOnce() {
            return missingAcked == 0 && duplicates == 0;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(KafkaWriter.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrap;
    private final String topic;
    private final Duration pace;
    private final Set<Long> acknowledged = new ConcurrentSkipListSet<>();
    private final AtomicLong failedSends = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private KafkaWriter(String bootstrap, String topic, Duration pace) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.pace = pace;
        this.thread = new Thread(this::write, "kafka-writer-" + topic);
        this.thread.setDaemon(true);
    }

    /**
     * Starts writing to {@code topic} of the cluster at {@code bootstrap}, one record at a time, at most one record
     * per {@code pace}.
     */
    public static KafkaWriter start(String bootstrap, String topic, Duration pace) {
        KafkaWriter writer = new KafkaWriter(bootstrap, topic, pace);
        writer.thread.start();
        return writer;
    }

    /** How many records the cluster has acknowledged so far. */
    public long acknowledged() {
        return acknowledged.size();
    }

    /** Stops writing and waits for the thread (and its last send) to end. */
    public void stop() {
        running = false;
        try {
            thread.join(SEND_TIMEOUT.plusSeconds(10).toMillis());
        } catch (InterruptedException e) {
            throw Interrupts.propagate("interrupted while stopping the writer", e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("writer of " + topic + " did not stop");
        }
    }

    /**
     * Stops writing, then reads the whole topic with {@code read_committed} up to its end offsets and counts, per
     * acknowledged sequence number, how often it is there.
     */
    public Counts verifyExactlyOnce() {
        stop();
        Map<Long, Integer> seen = readAll();
        long missing = acknowledged.stream().filter(seq -> !seen.containsKey(seq)).count();
        long duplicates = seen.values().stream().filter(times -> times > 1).mapToLong(times -> times - 1).sum();
        long found = seen.values().stream().mapToLong(Integer::longValue).sum();
        Counts counts = new Counts(acknowledged.size(), found, missing, duplicates, failedSends.get());
        LOG.info("writer of {}: {}", topic, counts);
        return counts;
    }

    @Override
    public void close() {
        running = false;
    }

    private void write() {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            for (long seq = 0; running; seq++) {
                send(producer, seq);
                LockSupport.parkNanos(pace.toNanos());
            }
        } catch (KafkaException e) {
            LOG.warn("writer of {} ended: {}", topic, e.toString());
        }
    }

    private void send(KafkaProducer<String, String> producer, long seq) {
        String value = Long.toString(seq);
        try {
            producer.send(new ProducerRecord<>(topic, value, value))
                .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            acknowledged.add(seq);
        } catch (ExecutionException | TimeoutException e) {
            failedSends.incrementAndGet();
            LOG.debug("record {} to {} not acknowledged: {}", seq, topic, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Map<Long, Integer> readAll() {
        Map<Long, Integer> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, READ_TIMEOUT)
                < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end + " within "
                        + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    seen.merge(Long.parseLong(record.value()), 1, Integer::sum);
                }
            }
        }
        return seen;
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 1000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    }
}
