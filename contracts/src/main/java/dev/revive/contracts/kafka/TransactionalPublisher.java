package dev.revive.contracts.kafka;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * The one way Revive writes records together with consumed offsets: a transactional producer that
 * commits {@code records} and the offsets of a consumer group in one transaction (consume-transform-produce,
 * exactly once). One transaction at a time: the methods are synchronized.
 *
 * <p>A commit that times out (broker outage) leaves the transaction <em>in doubt</em>: it may or may not be
 * committed, and it is never aborted (Kafka refuses that). Nothing else is written until {@link #settle()} has
 * resolved it, first by calling {@code commitTransaction} again (the retry Kafka documents for a timed-out
 * commit), and when the producer is in an abortable or unknown state by replacing it: a new producer with the
 * same transactional id completes or aborts the open transaction in {@code initTransactions}. Only a fenced or
 * otherwise fatal producer is given up ({@link #isFatal()}).
 */
public final class TransactionalPublisher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TransactionalPublisher.class.getName());

    /** Where the producer stands. */
    private enum State { NEEDS_INIT, READY, COMMIT_IN_DOUBT }

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final Consumer<Map<TopicPartition, OffsetAndMetadata>> beforeCommit;
    private Producer<byte[], byte[]> producer;
    private volatile State state = State.NEEDS_INIT;
    private volatile boolean fatal;

    /** @param producers builds a transactional producer ({@code transactional.id} set); initialised here */
    public TransactionalPublisher(Supplier<Producer<byte[], byte[]>> producers) {
        this(producers, offsets -> { });
    }

    /**
     * @param beforeCommit given each transaction's offsets right before its commit: a seam for outage tests
     */
    public TransactionalPublisher(Supplier<Producer<byte[], byte[]>> producers,
            Consumer<Map<TopicPartition, OffsetAndMetadata>> beforeCommit) {
        this.producers = producers;
        this.beforeCommit = beforeCommit;
    }

    /** Registers the transactional id, fencing any earlier producer with the same id; fails when it cannot. */
    public synchronized void init() {
        if (!settle()) {
            throw new TransactionFailedException("the transactional producer is not usable yet", null, fatal, false);
        }
    }

    /**
     * Makes the producer usable: resolves a transaction left in doubt, or builds and initialises a new producer.
     * Returns whether it is usable now; a call that cannot reach the broker returns false.
     */
    public synchronized boolean settle() {
        if (fatal) {
            return false;
        }
        if (state == State.COMMIT_IN_DOUBT) {
            retryCommit();
        }
        if (state == State.NEEDS_INIT) {
            rebuild();
        }
        return state == State.READY;
    }

    /** Whether the producer is initialised and no transaction is in doubt; does not wait for a running one. */
    public boolean isSettled() {
        return state == State.READY && !fatal;
    }

    /** Whether the producer can no longer be used (fenced by a newer instance with the same id, ...). */
    public boolean isFatal() {
        return fatal;
    }

    /**
     * Commits {@code records} and the consumer offsets of {@code group} in one transaction (no offsets: records
     * only). Throws {@link TransactionFailedException} when it did not commit, or when the commit is in doubt.
     */
    public synchronized void commit(List<ProducerRecord<byte[], byte[]>> records,
            Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        if (fatal) {
            throw new TransactionFailedException("the producer was fenced or failed fatally earlier", null, true,
                    false);
        }
        if (!settle()) {
            throw new TransactionFailedException("the producer is not usable: an earlier transaction is in doubt or"
                    + " the broker cannot be reached", null, fatal, false);
        }
        try {
            producer.beginTransaction();
            records.forEach(producer::send);
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, group);
            }
        } catch (KafkaException e) {
            throw aborted(e);
        }
        try {
            beforeCommit.accept(offsets);
            producer.commitTransaction();
        } catch (TimeoutException e) {
            state = State.COMMIT_IN_DOUBT;
            throw new TransactionFailedException("commit timed out; the transaction is in doubt until the broker"
                    + " answers", e, false, false);
        } catch (KafkaException e) {
            throw aborted(e);
        }
    }

    @Override
    public synchronized void close() {
        closeProducer(Duration.ZERO);
    }

    private TransactionFailedException aborted(KafkaException e) {
        failed(e);
        abortQuietly();
        return new TransactionFailedException("transaction aborted: " + e, e, fatal, rejectedByGroup(e));
    }

    /**
     * Whether the group coordinator refused the transaction's offsets (KIP-447): the member's generation is
     * stale, the member unknown or its instance id fenced. The producer surfaces it as the cause of the failure.
     */
    private static boolean rejectedByGroup(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommitFailedException || cause instanceof FencedInstanceIdException
                    || cause instanceof IllegalGenerationException || cause instanceof UnknownMemberIdException) {
                return true;
            }
        }
        return false;
    }

    private void retryCommit() {
        try {
            producer.commitTransaction();
            state = State.READY;
            LOG.log(Level.INFO, "the transaction left in doubt by a timed-out commit is committed");
        } catch (TimeoutException e) {
            LOG.log(Level.DEBUG, "the transaction in doubt still cannot be committed: {0}", e.getMessage());
        } catch (KafkaException | IllegalStateException e) {
            failed(e);
            LOG.log(Level.WARNING, "the transaction in doubt cannot be committed ({0}); the producer is replaced,"
                    + " which completes or aborts it", e.toString());
            state = State.NEEDS_INIT;
        }
    }

    private void rebuild() {
        closeProducer(Duration.ZERO);
        if (fatal) {
            return;
        }
        try {
            producer = producers.get();
            producer.initTransactions();
            state = State.READY;
        } catch (KafkaException e) {
            failed(e);
            LOG.log(Level.WARNING, "the transactional producer cannot be initialised yet: {0}", e.toString());
            closeProducer(Duration.ZERO);
        }
    }

    /** Marks the producer fatal for the exceptions after which it must not be used again. */
    private void failed(RuntimeException e) {
        if (e instanceof ProducerFencedException || e instanceof OutOfOrderSequenceException
                || e instanceof AuthorizationException || e instanceof UnsupportedVersionException) {
            fatal = true;
        }
    }

    private void abortQuietly() {
        if (fatal) {
            return;
        }
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            LOG.log(Level.DEBUG, "abort after a failed transaction failed too; the producer is replaced: {0}",
                    e.getMessage());
            state = State.NEEDS_INIT;
        }
    }

    private void closeProducer(Duration timeout) {
        if (producer == null) {
            return;
        }
        try {
            producer.close(timeout);
        } catch (KafkaException e) {
            LOG.log(Level.DEBUG, "closing the producer failed: {0}", e.getMessage());
        }
        producer = null;
        state = State.NEEDS_INIT;
    }

    /**
     * A transaction that did not commit, or whose commit is in doubt. When {@link #fatal()} the producer is
     * unusable and the caller must stop using it; when {@link #groupRejected()} the consumer group refused the
     * offsets of a partition this instance no longer owns; otherwise it may be tried again after
     * {@link TransactionalPublisher#settle()}.
     */
    public static final class TransactionFailedException extends RuntimeException {

        private final boolean fatal;
        private final boolean groupRejected;

        public TransactionFailedException(String message, Throwable cause, boolean fatal, boolean groupRejected) {
            super(message, cause);
            this.fatal = fatal;
            this.groupRejected = groupRejected;
        }

        /** The producer cannot be used again. */
        public boolean fatal() {
            return fatal;
        }

        /** The group coordinator rejected the offsets: stale generation, unknown member or fenced instance id. */
        public boolean groupRejected() {
            return groupRejected;
        }
    }
}
