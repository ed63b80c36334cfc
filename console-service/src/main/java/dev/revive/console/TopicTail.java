package dev.revive.console;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.validation.LogSafe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Tails Revive's topics from their beginning (read_committed, no consumer group, assigned partitions) into the
 * {@link ConsoleModel}. Caught up once it has read up to the end offsets it found at start. It only reads: a record
 * it cannot decode is skipped with a WARN (the service that owns the topic dead-letters it, not the console).
 */
final class TopicTail implements Runnable {

    private static final Logger LOG = Logger.getLogger(TopicTail.class);
    static final List<String> TOPICS = List.of(Topics.Names.CLUSTERS, Topics.Names.FAULTS, Topics.Names.DECISIONS,
            Topics.Names.PLANS, Topics.Names.EXECUTIONS, Topics.Names.REPORTS, Topics.Names.DLQ);

    private final Consumer<byte[], byte[]> consumer;
    private final ConsoleModel model;
    private final Duration pollTimeout;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean alive = true;

    TopicTail(Consumer<byte[], byte[]> consumer, ConsoleModel model, Duration pollTimeout) {
        this.consumer = consumer;
        this.model = model;
        this.pollTimeout = pollTimeout;
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
                    LOG.infof("read Revive's topics up to %s", ends);
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException | InterruptException e) {
            LOG.debug("topic tail stopped");
        } catch (RuntimeException e) {
            LOG.error("topic tail failed; the console is no longer ready", e);
        } finally {
            alive = false;
        }
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
            try {
                if (stopped.await(pollTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new WakeupException();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
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

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            switch (record.topic()) {
                case Topics.Names.CLUSTERS -> model.cluster(key(record), record.value() == null ? null
                        : decode(Topics.CLUSTERS, record));
                case Topics.Names.FAULTS -> model.fault(decode(Topics.FAULTS, record));
                case Topics.Names.DECISIONS -> model.decision(decode(Topics.DECISIONS, record));
                case Topics.Names.PLANS -> model.plan(decode(Topics.PLANS, record));
                case Topics.Names.EXECUTIONS -> model.execution(decode(Topics.EXECUTIONS, record));
                case Topics.Names.REPORTS -> model.report(decode(Topics.REPORTS, record));
                case Topics.Names.DLQ -> model.deadLetter(deadLetter(record));
                default -> LOG.debugf("ignoring a record of %s", record.topic());
            }
        } catch (InvalidEventException e) {
            LOG.warnf("skipping %s-%d@%d, it is not a valid event: %s", record.topic(), record.partition(),
                    record.offset(), LogSafe.text(e.getMessage()));
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null
                : Topics.CLUSTERS.keySerde().deserializer().deserialize(record.topic(), record.key());
    }

    private static Views.DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record) {
        var headers = record.headers();
        return new Views.DeadLetter(DeadLetters.reason(headers), header(headers, DeadLetters.FIELD),
                header(headers, DeadLetters.DETAIL),
                header(headers, DeadLetters.SERVICE),
                header(headers, DeadLetters.SOURCE_TOPIC),
                header(headers, DeadLetters.REJECTED_AT), record.offset(), record.partition());
    }

    private static String header(org.apache.kafka.common.header.Headers headers, String key) {
        var header = headers.lastHeader(key);
        return header == null || header.value() == null ? null
                : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static <V> V decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
        V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value());
        if (value == null) {
            throw new InvalidEventException(dev.revive.contracts.json.RejectReason.MALFORMED, "$", "no value");
        }
        return value;
    }
}
