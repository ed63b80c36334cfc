package dev.revive.executor.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic with a group-less, read-committed consumer: assigns all its partitions from the
 * beginning or from a point in time, then polls until each position reaches the end offset seen
 * at the start.
 */
final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(100);

    private TopicReader() {
    }

    /** Assigns every partition of {@code topic} and seeks to the beginning; fails when the topic is missing. */
    static List<TopicPartition> assignAll(KafkaConsumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    /**
     * Assigns every partition of {@code topic} and seeks each to its first record written at or
     * after {@code since} (to its end when there is none); fails when the topic is missing.
     */
    static void assignFrom(KafkaConsumer<byte[], byte[]> consumer, String topic, Instant since, Duration timeout) {
        List<TopicPartition> partitions = assignAll(consumer, topic, timeout);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp first = found.get(partition);
            consumer.seek(partition, first == null ? end.get(partition) : first.offset());
        }
    }

    /** Polls until the consumer has read up to the current end of every assigned partition. */
    static void readToEnd(KafkaConsumer<byte[], byte[]> consumer, Duration timeout,
            Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
        while (!reached(consumer, end)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + end.keySet() + " to its end within " + timeout);
            }
            consumer.poll(POLL).forEach(sink);
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }
}
