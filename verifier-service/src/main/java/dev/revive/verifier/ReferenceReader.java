package dev.revive.verifier;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.kafka.BeginningReader;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.contracts.validation.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Tails {@code revive.clusters}, {@code revive.plans} and {@code revive.reports} from their
 * beginning (read_committed, no consumer group) into the {@link ReferenceStore}. It counts as
 * caught up once it has read up to the end offsets it found at start: from then on the store
 * knows every spec, plan and published report that existed when the verifier started. A spec no trusted
 * operator key signed is never stored: it goes to {@code revive.dlq} with reason {@code UNTRUSTED_SPEC}.
 */
final class ReferenceReader {

    private static final Logger LOG = Logger.getLogger(ReferenceReader.class);
    private static final List<String> TOPICS = List.of(Topics.CLUSTERS.name(), Topics.PLANS.name(),
            Topics.REPORTS.name());

    private final ReferenceStore store;
    private final TrustedKeys trusted;
    private final java.util.function.Consumer<ProducerRecord<byte[], byte[]>> deadLetters;
    private final Clock clock;

    private ReferenceReader(ReferenceStore store, TrustedKeys trusted,
            java.util.function.Consumer<ProducerRecord<byte[], byte[]>> deadLetters, Clock clock) {
        this.store = store;
        this.trusted = trusted;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /**
     * The reader of the reference topics from their beginning into {@code store}, to run on a thread of its own; its
     * {@link BeginningReader#awaitCaughtUp} says when the store holds everything that existed at start.
     */
    static BeginningReader reader(Consumer<byte[], byte[]> consumer, ReferenceStore store, Duration pollTimeout,
            TrustedKeys trusted, java.util.function.Consumer<ProducerRecord<byte[], byte[]>> deadLetters, Clock clock) {
        return new BeginningReader("reference reader", consumer, TOPICS, pollTimeout,
                new ReferenceReader(store, trusted, deadLetters, clock)::apply);
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            switch (record.topic()) {
                case Topics.Names.CLUSTERS -> applyCluster(record);
                case Topics.Names.PLANS -> store.putPlan(BeginningReader.decode(Topics.PLANS, record));
                case Topics.Names.REPORTS -> store.markReported(BeginningReader.decode(Topics.REPORTS, record).planId());
                default -> LOG.debugf("ignoring a record of %s", record.topic());
            }
        } catch (InvalidEventException e) {
            LOG.warnf("skipping %s-%d@%d, it is not a valid event: %s", record.topic(), record.partition(),
                    record.offset(), LogSafe.text(e.getMessage()));
        }
    }

    private void applyCluster(ConsumerRecord<byte[], byte[]> record) {
        String clusterId = record.key() == null ? null
                : Topics.CLUSTERS.keySerde().deserializer().deserialize(record.topic(), record.key());
        if (record.value() == null && clusterId == null) {
            return;
        }
        try {
            if (record.value() == null) {
                trusted.requireTrustedRemoval(record.headers(), clusterId);
                store.removeCluster(clusterId);
                return;
            }
            trusted.requireTrusted(record.headers(), record.value());
        } catch (InvalidEventException untrusted) {
            LOG.warnf("rejected the cluster spec at %s-%d@%d to %s: %s", record.topic(), record.partition(),
                    record.offset(), Topics.DLQ.name(), LogSafe.text(untrusted.getMessage()));
            deadLetters.accept(DeadLetters.of(record, untrusted, ExecutionsLoop.SERVICE, clock.instant()));
            return;
        }
        store.putCluster(BeginningReader.decode(Topics.CLUSTERS, record));
    }
}
