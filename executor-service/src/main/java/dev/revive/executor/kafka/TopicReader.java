package dev.revive.executor.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a whole topic from the beginning with a group-less, read-committed consumer: assigns all
 * its partitions, then polls until each position reaches the end offset seen at the start.
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
