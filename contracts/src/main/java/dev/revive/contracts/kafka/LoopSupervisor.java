package dev.revive.contracts.kafka;

import dev.revive.contracts.time.Backoff;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a hand-written Kafka loop and rebuilds it when it fails: a {@link RuntimeException} (a broker outage that
 * times out a poll, a commit or {@code initTransactions}) has closed the loop's clients; the supervisor waits a
 * back-off that doubles from {@code firstBackoff} up to {@code maxBackoff} and starts a new loop with new clients,
 * which begins at the committed offsets, so nothing committed is lost and the record under way is handled again. An
 * {@link Error} ends it for good. The owner learns of each turn through a {@link Listener} (health, counters).
 */
public final class LoopSupervisor implements Runnable {

    private static final System.Logger LOG = System.getLogger(LoopSupervisor.class.getName());

    /** One life of a loop and its Kafka clients. */
    public interface Loop {

        /** Runs until {@link #stop()} (returns) or a failure (throws, its clients closed). */
        void run();

        /** Asks the loop to return soon. */
        void stop();
    }

    /** What the supervisor tells the loop's owner; every method may be left out. */
    public interface Listener {

        /** A loop failed; returns true when it had been running well, so that the back-off starts from the first. */
        default boolean failed(RuntimeException failure) {
            return false;
        }

        /** A loop is built again after a failure. */
        default void rebuilding() {
        }

        /** The supervisor stopped, asked to. */
        default void stopped() {
        }

        /** The supervisor ends because a loop died of {@code error}. */
        default void died(Error error) {
        }
    }

    private final String name;
    private final Supplier<? extends Loop> loops;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final CountDownLatch stopped;
    private final Listener listener;
    private final AtomicLong rebuilds = new AtomicLong();
    private Loop current;

    /**
     * @param name     the loop, for logs, e.g. {@code executions loop}
     * @param loops    builds a loop with new Kafka clients
     * @param stopped  counted down to stop (the owner may share it with its own waits)
     * @param listener told of failures, rebuilds and the end
     */
    public LoopSupervisor(String name, Supplier<? extends Loop> loops, Duration firstBackoff, Duration maxBackoff,
            CountDownLatch stopped, Listener listener) {
        this.name = name;
        this.loops = loops;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.stopped = stopped;
        this.listener = listener;
    }

    @Override
    public void run() {
        Duration backoff = firstBackoff;
        try {
            while (true) {
                Loop loop = next();
                if (loop == null) {
                    break;
                }
                try {
                    loop.run();
                    break;
                } catch (RuntimeException e) {
                    rebuilds.incrementAndGet();
                    backoff = listener.failed(e) ? firstBackoff : backoff;
                    LOG.log(Level.ERROR, name + " failed; rebuilding its Kafka clients in " + backoff, e);
                }
                if (stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
                backoff = Backoff.doubled(backoff, maxBackoff);
            }
            listener.stopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listener.stopped();
        } catch (Error e) {
            listener.died(e);
            LOG.log(Level.ERROR, name + " died; it is not rebuilt", e);
            throw e;
        }
    }

    /** How many times a failed loop was given up and another built. */
    public long rebuilds() {
        return rebuilds.get();
    }

    /** Stops the running loop and any further rebuild. */
    public void stop() {
        stopped.countDown();
        Loop loop;
        synchronized (this) {
            loop = current;
        }
        if (loop != null) {
            loop.stop();
        }
    }

    /** The next loop, or null when stopping. */
    private synchronized Loop next() {
        if (stopped.getCount() == 0) {
            return null;
        }
        if (current != null) {
            listener.rebuilding();
        }
        current = loops.get();
        return current;
    }
}
