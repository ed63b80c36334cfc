package dev.revive.targets.connect;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every value of a topic as a {@code read_committed} consumer reads it, from the beginning up to the end offsets it
 * had when asked, counted by value: the multiset the record-count check compares with the lines of a source file, so
 * that a line delivered twice (a FileStreamSource is at-least-once: a killed worker's uncommitted lines are sent
 * again) is counted as a duplicate, not as more data. Bounded in records and in time; a topic past either bound gives
 * nothing, and the caller falls back to offsets.
 */
final class TopicValues {

    /** The most records one count reads. */
    static final long MAX_RECORDS = 2_000_000;
    private static final Duration POLL = Duration.ofMillis(200);

    private TopicValues() {
    }

    /**
     * The values of {@code topic} at {@code bootstrap} by how often each occurs, reading up to {@code ends} (end
     * offsets by partition); empty when the topic holds more than {@link #MAX_RECORDS} or reading takes longer than
     * {@code deadline}.
     */
    static Optional<Map<String, Long>> count(String bootstrap, Map<TopicPartition, Long> ends, Duration deadline) {
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        if (total > MAX_RECORDS) {
            return Optional.empty();
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) deadline.toMillis());
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) deadline.toMillis());
        Map<String, Long> counts = new HashMap<>();
        Instant until = Instant.now().plus(deadline);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = List.copyOf(ends.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!reachedEnds(consumer, ends)) {
                if (Instant.now().isAfter(until)) {
                    return Optional.empty();
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        counts.merge(record.value() == null ? "" : record.value(), 1L, Long::sum);
                    }
                }
            }
            return Optional.of(counts);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new TargetException(Kind.FAILED, "values of " + ends.keySet() + ": " + e, e);
        }
    }

    private static boolean reachedEnds(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
