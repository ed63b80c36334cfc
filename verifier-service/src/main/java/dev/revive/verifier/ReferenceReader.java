package dev.revive.verifier;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.contracts.validation.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Tails {@code revive.clusters}, {@code revive.plans} and {@code revive.reports} from their
 * beginning (read_committed, no consumer group) into the {@link ReferenceStore}. It counts as
 * caught up once it has read up to the end offsets it found at start: from then on the store
 * knows every spec, plan and published report that existed when the verifier started. A spec no trusted
 * operator key signed is never stored: it goes to {@code revive.dlq} with reason {@code UNTRUSTED_SPEC}.
 */
final class ReferenceReader implements Runnable {

    private static final Logger LOG = Logger.getLogger(ReferenceReader.class);
    private static final List<String> TOPICS = List.of(Topics.CLUSTERS.name(), Topics.PLANS.name(),
            Topics.REPORTS.name());

    private final Consumer<byte[], byte[]> consumer;
    private final ReferenceStore store;
    private final Duration pollTimeout;
    private final TrustedKeys trusted;
    private final java.util.function.Consumer<ProducerRecord<byte[], byte[]>> deadLetters;
    private final Clock clock;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean alive = true;

    ReferenceReader(Consumer<byte[], byte[]> consumer, ReferenceStore store, Duration pollTimeout,
            TrustedKeys trusted, java.util.function.Consumer<ProducerRecord<byte[], byte[]>> deadLetters, Clock clock) {
        this.consumer = consumer;
        this.store = store;
        this.pollTimeout = pollTimeout;
        this.trusted = trusted;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Override
    public void run() {
        try (consumer) {
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                consumer.poll(pollTimeout).forEach(this::apply);
                if (caughtUp.getCount() > 0 && reached(ends)) {
                    LOG.infof("read the reference topics up to %s", ends);
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException | InterruptException e) {
            LOG.debug("reference reader stopped");
        } catch (RuntimeException e) {
            LOG.error("reference reader failed; the verifier is no longer ready", e);
        } finally {
            alive = false;
        }
    }

    /** Waits until the store holds everything that existed at start. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    boolean isAlive() {
        return alive;
    }

    void stop() {
        running = false;
        stopped.countDown();
        consumer.wakeup();
    }

    private List<TopicPartition> awaitPartitions() {
        boolean warned = false;
        while (true) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String topic : TOPICS) {
                List<PartitionInfo> infos = partitionsOf(topic);
                if (infos.isEmpty()) {
                    missing.add(topic);
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            if (missing.isEmpty()) {
                return partitions;
            }
            if (!warned) {
                LOG.warnf("waiting for topics %s to exist", missing);
                warned = true;
            }
            pauseUnlessStopped();
        }
    }

    private List<PartitionInfo> partitionsOf(String topic) {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, pollTimeout.multipliedBy(10));
            return infos == null ? List.of() : infos;
        } catch (TimeoutException e) {
            return List.of();
        }
    }

    private void pauseUnlessStopped() {
        try {
            if (stopped.await(pollTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new WakeupException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            switch (record.topic()) {
                case Topics.Names.CLUSTERS -> applyCluster(record);
                case Topics.Names.PLANS -> store.putPlan(decode(Topics.PLANS, record));
                case Topics.Names.REPORTS -> store.markReported(decode(Topics.REPORTS, record).planId());
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
        store.putCluster(decode(Topics.CLUSTERS, record));
    }

    private static <V> V decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
        V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value());
        if (value == null) {
            throw new InvalidEventException(RejectReason.MALFORMED, "$", "no value");
        }
        return value;
    }
}
