package dev.revive.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer for tests against a Redis primary: on its own thread, through one connection to a given host:port (a
 * node, or the load balancer in front of the nodes), it SETs {@code w:<seq>} keys one after the other until closed,
 * and remembers every sequence number acknowledged with {@code +OK}. A failed write (the connection closed by a
 * failover, an error reply such as READONLY from a demoted primary, no answer in time) closes the connection, is
 * counted and the writer connects again; such a write may or may not have been applied. Every write has the same
 * size on the wire ({@link #writeBytes()}: keys and values are zero-padded), so a loss can be compared with a
 * bound in bytes.
 */
public final class RedisWriter implements AutoCloseable {

    /** The bound of connecting and of each write's reply. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(RedisWriter.class);
    private static final int MGET_BATCH = 500;

    private final String host;
    private final int port;
    private final Duration pace;
    private final Set<Long> acknowledged = new ConcurrentSkipListSet<>();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String lastFailure = "";

    private RedisWriter(String host, int port, Duration pace) {
        this.host = host;
        this.port = port;
        this.pace = pace;
        this.thread = new Thread(this::run, "redis-writer-" + port);
        thread.setDaemon(true);
    }

    /** Starts writing to {@code host}:{@code port}, one write every 2 ms at most. */
    public static RedisWriter start(String host, int port) {
        return start(host, port, Duration.ofMillis(2));
    }

    /** Starts writing to {@code host}:{@code port}, pausing {@code pace} after each write. */
    public static RedisWriter start(String host, int port, Duration pace) {
        RedisWriter writer = new RedisWriter(host, port, pace);
        writer.thread.start();
        return writer;
    }

    /** The key of write {@code seq}. */
    public static String key(long seq) {
        return String.format("w:%012d", seq);
    }

    /** The value of write {@code seq}. */
    public static String value(long seq) {
        return String.format("value-%012d", seq);
    }

    /** The size in bytes of one write's command on the wire and in the replication stream (RESP). */
    public static int writeBytes() {
        return RespConnection.encode("SET", key(0), value(0)).length;
    }

    /** How many writes were acknowledged so far. */
    public long acknowledged() {
        return acknowledged.size();
    }

    /** The keys of every acknowledged write, in order. */
    public List<String> acknowledgedKeys() {
        return acknowledged.stream().map(RedisWriter::key).toList();
    }

    /** How many writes failed (and were not acknowledged) so far. */
    public long failures() {
        return failures.get();
    }

    /** The last failure, in words; empty when none. */
    public String lastFailure() {
        return lastFailure;
    }

    /**
     * The acknowledged keys (so far) that the node at {@code host}:{@code port} does not hold, read with MGET in
     * batches on one bounded connection.
     */
    public List<String> missingFrom(String host, int port) throws IOException {
        List<Long> seqs = List.copyOf(acknowledged);
        List<String> missing = new ArrayList<>();
        try (RespConnection redis = RespConnection.open(host, port, CALL_TIMEOUT)) {
            for (int from = 0; from < seqs.size(); from += MGET_BATCH) {
                List<Long> batch = seqs.subList(from, Math.min(seqs.size(), from + MGET_BATCH));
                List<String> command = new ArrayList<>(List.of("MGET"));
                batch.forEach(seq -> command.add(key(seq)));
                List<?> values = (List<?>) redis.call(command.toArray(String[]::new));
                for (int i = 0; i < batch.size(); i++) {
                    if (values.get(i) == null) {
                        missing.add(key(batch.get(i)));
                    }
                }
            }
        }
        return missing;
    }

    /** Stops writing and waits for the writer's thread (at most one call bound past the write in flight). */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(CALL_TIMEOUT.multipliedBy(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("redis writer to {}:{} stopped: {} acknowledged, {} failed", host, port, acknowledged.size(),
            failures.get());
    }

    private void run() {
        RespConnection connection = null;
        long seq = 0;
        while (running) {
            try {
                if (connection == null) {
                    connection = RespConnection.open(host, port, CALL_TIMEOUT);
                }
                seq++;
                if ("OK".equals(connection.call("SET", key(seq), value(seq)))) {
                    acknowledged.add(seq);
                }
            } catch (IOException | RespConnection.ErrorReply e) {
                failures.incrementAndGet();
                lastFailure = e.toString();
                LOG.debug("redis write {} to {}:{} failed: {}", seq, host, port, e.toString());
                if (connection != null) {
                    connection.close();
                    connection = null;
                }
                LockSupport.parkNanos(Math.max(pace.toNanos(), Duration.ofMillis(50).toNanos()));
            }
            LockSupport.parkNanos(pace.toNanos());
        }
        if (connection != null) {
            connection.close();
        }
    }
}
