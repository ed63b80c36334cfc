package dev.revive.executor.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Plans handled without running them in one poll: their dead letters and the offsets past them. */
final class PendingCommit {

    private final List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
    private final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();

    /** Marks everything before {@code nextOffset} of {@code partition} as handled. */
    void handled(TopicPartition partition, long nextOffset) {
        offsets.merge(partition, new OffsetAndMetadata(nextOffset),
                (earlier, later) -> later.offset() > earlier.offset() ? later : earlier);
    }

    void deadLetter(ProducerRecord<byte[], byte[]> record) {
        deadLetters.add(record);
    }

    boolean isEmpty() {
        return offsets.isEmpty() && deadLetters.isEmpty();
    }

    List<ProducerRecord<byte[], byte[]>> deadLetters() {
        return deadLetters;
    }

    Map<TopicPartition, OffsetAndMetadata> offsets() {
        return offsets;
    }
}
