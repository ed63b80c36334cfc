package dev.revive.contracts.kafka;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import java.lang.System.Logger.Level;
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

/**
 * Reads topics from their beginning with no consumer group (assigned partitions; the consumer should read
 * {@code read_committed}), handing every record to a sink, until stopped: how a service rebuilds a view of the
 * topics at every start (the verifier's references, the console's views). It waits for the topics to exist, and counts
 * as caught up once it has read up to the end offsets it found at start. Closes its consumer when it ends; a Kafka
 * failure ends it (logged), and {@link #isAlive()} tells its owner.
 */
public final class BeginningReader implements Runnable {

    private static final System.Logger LOG = System.getLogger(BeginningReader.class.getName());

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final Duration pollTimeout;
    private final java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean alive = true;

    /**
     * @param name        the reader, for logs, e.g. {@code reference reader}
     * @param consumer    a consumer without a group; closed when the reader ends
     * @param topics      the topics to read, every partition of each
     * @param pollTimeout how long one poll waits
     * @param sink        handles each record, on the reader's thread
     */
    public BeginningReader(String name, Consumer<byte[], byte[]> consumer, List<String> topics, Duration pollTimeout,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        this.name = name;
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.pollTimeout = pollTimeout;
        this.sink = sink;
    }

    @Override
    public void run() {
        try (consumer) {
            List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (running) {
                consumer.poll(pollTimeout).forEach(sink);
                if (caughtUp.getCount() > 0 && reached(ends)) {
                    LOG.log(Level.INFO, name + " read " + topics + " up to " + ends);
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException | InterruptException e) {
            LOG.log(Level.DEBUG, name + " stopped");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, name + " failed; it no longer reads " + topics, e);
        } finally {
            alive = false;
        }
    }

    /** Waits until everything that existed at start was read; false when {@code timeout} passed first. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether everything that existed at start was read. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** False once the reader ended, stopped or failed. */
    public boolean isAlive() {
        return alive;
    }

    /** Asks the reader to end; it closes its consumer. */
    public void stop() {
        running = false;
        stopped.countDown();
        consumer.wakeup();
    }

    /** The value of {@code record} decoded by {@code topic}'s serde; a record without one is MALFORMED. */
    public static <V> V decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
        V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value());
        if (value == null) {
            throw new InvalidEventException(RejectReason.MALFORMED, "$", "no value");
        }
        return value;
    }

    private List<TopicPartition> awaitPartitions() {
        boolean warned = false;
        while (true) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String topic : topics) {
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
                LOG.log(Level.WARNING, name + " waits for topics " + missing + " to exist");
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
}
