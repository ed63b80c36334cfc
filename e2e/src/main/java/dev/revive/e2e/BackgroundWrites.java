package dev.revive.e2e;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small workload that writes batches of keys ({@code prefix/000000/000000…}) into the target cluster on its own
 * thread until it is closed, so that a recovery runs under writes; each put is bounded by {@link Workload}.
 */
final class BackgroundWrites implements AutoCloseable {

    private static final Duration JOIN = Duration.ofSeconds(60);

    private final Workload workload;
    private final String prefix;
    private final int batch;
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread writer;

    private BackgroundWrites(Workload workload, String prefix, int batch) {
        this.workload = workload;
        this.prefix = prefix;
        this.batch = batch;
        writer = new Thread(this::writeUntilStopped, "etcd-writer " + prefix);
        writer.setDaemon(true);
    }

    /** Starts writing batches of {@code batch} keys under {@code prefix} and waits for the first two. */
    static BackgroundWrites start(Workload workload, String prefix, int batch) throws InterruptedException {
        BackgroundWrites writes = new BackgroundWrites(workload, prefix, batch);
        writes.writer.start();
        Polling.until("the writer writes under " + prefix, Duration.ofSeconds(30), () -> writes.batches.get() >= 2);
        return writes;
    }

    /** The keys written so far (whole batches). */
    int written() {
        return batches.get() * batch;
    }

    /**
     * Stops writing after the batch under way and returns the keys written.
     *
     * @throws IllegalStateException when a put failed for good (the cluster took no writes for too long)
     */
    int stop() throws InterruptedException {
        writing.set(false);
        writer.join(JOIN.toMillis());
        if (failure.get() != null) {
            throw new IllegalStateException("the writer under " + prefix + " stopped after " + written() + " keys",
                    failure.get());
        }
        return written();
    }

    @Override
    public void close() {
        writing.set(false);
    }

    private void writeUntilStopped() {
        try {
            while (writing.get()) {
                workload.write(String.format("%s/%06d", prefix, batches.get()), batch);
                batches.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }
}
