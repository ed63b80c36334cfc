package dev.revive.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A growing source file for a FileStreamSource connector: appends numbered lines ({@code line-1}, {@code line-2}, …)
 * at a steady rate on its own thread, and counts what it wrote. A line that cannot be appended (the file made
 * unreadable on purpose) is tried again at the next tick with the same number, so the file never skips a number.
 * The static helpers count what arrived downstream: lines of a file, records of a topic, distinct and duplicate
 * line numbers of a sink file.
 */
public final class LineSource implements AutoCloseable {

    /** The prefix of every line; the rest is the line's number. */
    public static final String PREFIX = "line-";

    private static final Logger LOG = LoggerFactory.getLogger(LineSource.class);
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Path file;
    private final int linesPerTick;
    private final AtomicLong written = new AtomicLong();
    private final ScheduledExecutorService thread;
    private final Instant startedAt = Instant.now();

    private LineSource(Path file, int linesPerSecond) {
        this.file = file;
        this.linesPerTick = Math.max(1, linesPerSecond / 10);
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "line-source-" + file.getFileName());
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates {@code file} (empty) if needed and starts appending about {@code linesPerSecond} lines a second. */
    public static LineSource start(Path file, int linesPerSecond) {
        return start(file, linesPerSecond, 0);
    }

    /**
     * As {@link #start(Path, int)}, but first appends {@code backlog} lines at once (a backlog already collected),
     * so that a steady trickle is small against the whole count.
     */
    public static LineSource start(Path file, int linesPerSecond, int backlog) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        LineSource source = new LineSource(file, linesPerSecond);
        if (backlog > 0) {
            source.append(backlog);
        }
        source.thread.scheduleAtFixedRate(source::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        return source;
    }

    /** The file it appends to. */
    public Path file() {
        return file;
    }

    /** When it began appending: no line in the file is older. */
    public Instant startedAt() {
        return startedAt;
    }

    /** How many lines it has appended so far. */
    public long written() {
        return written.get();
    }

    /** Stops appending and waits for the last append to end; {@link #written()} is final afterwards. */
    public long stop() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            throw Interrupts.propagate("interrupted while stopping the line source", e);
        }
        return written();
    }

    @Override
    public void close() {
        stop();
    }

    private void tick() {
        append(linesPerTick);
    }

    private void append(int count) {
        StringBuilder lines = new StringBuilder();
        long first = written.get() + 1;
        for (long n = first; n < first + count; n++) {
            lines.append(PREFIX).append(n).append('\n');
        }
        try {
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            written.addAndGet(count);
        } catch (IOException e) {
            LOG.debug("cannot append to {} now: {}", file, e.toString());
        }
    }

    /**
     * Makes {@code file} unreadable for any process, root included: moves it aside and puts a symbolic link that
     * points to itself in its place, so that opening it fails with ELOOP (an I/O error, not "no such file";
     * {@code chmod 000} would not stop root). {@link #makeReadable} puts the file back.
     */
    public static void makeUnreadable(Path file) {
        try {
            Files.move(file, held(file));
            Files.createSymbolicLink(file, file.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file + " unreadable", e);
        }
    }

    /** Undoes {@link #makeUnreadable}: removes the link and moves the file back. */
    public static void makeReadable(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.move(held(file), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file + " readable again", e);
        }
    }

    private static Path held(Path file) {
        return file.resolveSibling(file.getFileName() + ".held");
    }

    /** The number of lines of {@code file}; 0 when it does not exist. */
    public static long lines(Path file) {
        return readLines(file).size();
    }

    /**
     * The distinct line numbers of a sink file and how many lines repeat one already seen.
     *
     * @param distinct   how many different line numbers the file holds
     * @param duplicates how many lines repeat an earlier line
     */
    public record Numbers(long distinct, long duplicates) {
    }

    /** Counts distinct and duplicate {@code line-N} lines of {@code file}. */
    public static Numbers numbers(Path file) {
        List<String> lines = readLines(file);
        Set<String> seen = new HashSet<>();
        long duplicates = lines.stream().filter(line -> !seen.add(line)).count();
        return new Numbers(seen.size(), duplicates);
    }

    /**
     * The records of {@code topic} a {@code read_committed} consumer can read: the sum over its partitions of the
     * end offset (the last stable offset) minus the beginning offset.
     */
    public static long records(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(bootstrapServers)) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CALL_TIMEOUT);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, CALL_TIMEOUT);
            return partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
        }
    }

    /**
     * The distinct values of {@code topic} and how many records repeat one already seen, as a {@code read_committed}
     * consumer reads them from the beginning up to the end offsets taken when it starts: an at-least-once source
     * connector sends again what it had not committed when its worker died, so its topic holds duplicates.
     *
     * @throws IllegalStateException when the end is not reached within {@link #CALL_TIMEOUT}
     */
    public static Numbers recordNumbers(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(bootstrapServers)) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, CALL_TIMEOUT);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Set<String> seen = new HashSet<>();
            long duplicates = 0;
            long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, CALL_TIMEOUT) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + topic + " to its end within " + CALL_TIMEOUT);
                }
                for (var record : consumer.poll(TICK)) {
                    if (!seen.add(new String(record.value(), StandardCharsets.UTF_8))) {
                        duplicates++;
                    }
                }
            }
            return new Numbers(seen.size(), duplicates);
        }
    }

    private static KafkaConsumer<byte[], byte[]> committedReader(String bootstrapServers) {
        Properties props = new Properties();
        props.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        return new KafkaConsumer<>(props);
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, CALL_TIMEOUT).stream()
            .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isEmpty()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
