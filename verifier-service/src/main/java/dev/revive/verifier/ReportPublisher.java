package dev.revive.verifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.jboss.logging.Logger;

/**
 * Writes records and the consumed offsets in one Kafka transaction. A failed transaction is
 * aborted (or, after a fatal error, the producer is replaced) and reported as
 * {@link TransactionFailedException}, so the caller can process the records again.
 */
final class ReportPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReportPublisher.class);
    /** Bound of closing the producer, e.g. while the broker is away and the loop is rebuilt. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<Producer<byte[], byte[]>> factory;
    private Producer<byte[], byte[]> producer;

    /** @param factory creates a transactional producer; {@code initTransactions} is called here */
    ReportPublisher(Supplier<Producer<byte[], byte[]>> factory) {
        this.factory = factory;
    }

    /** Starts the producer now, so that a broken setup shows at start rather than at the first report. */
    void start() {
        producer();
    }

    /** Commits {@code records} and {@code offsets} of {@code group} atomically. */
    void publish(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
            ConsumerGroupMetadata group) {
        try {
            Producer<byte[], byte[]> current = producer();
            current.beginTransaction();
            records.forEach(current::send);
            current.sendOffsetsToTransaction(offsets, group);
            current.commitTransaction();
        } catch (RuntimeException e) {
            recover(e);
            throw new TransactionFailedException(e);
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(CLOSE_TIMEOUT);
            producer = null;
        }
    }

    private Producer<byte[], byte[]> producer() {
        if (producer == null) {
            Producer<byte[], byte[]> created = factory.get();
            try {
                created.initTransactions();
            } catch (KafkaException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private void recover(RuntimeException failure) {
        if (producer == null) {
            return;
        }
        if (!isFatal(failure)) {
            try {
                producer.abortTransaction();
                return;
            } catch (RuntimeException abortFailure) {
                LOG.warnf("cannot abort the transaction, replacing the producer: %s", abortFailure.getMessage());
            }
        }
        producer.close(Duration.ZERO);
        producer = null;
    }

    private static boolean isFatal(RuntimeException failure) {
        return !(failure instanceof KafkaException) || failure instanceof ProducerFencedException || failure instanceof OutOfOrderSequenceException
                || failure instanceof AuthorizationException || failure instanceof UnsupportedVersionException;
    }

    /** A transaction that did not commit; nothing of it is visible to read_committed consumers. */
    static final class TransactionFailedException extends RuntimeException {
        TransactionFailedException(RuntimeException cause) {
            super("transaction failed: " + cause, cause);
        }
    }
}
