package dev.revive.verifier;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs the executions loop and rebuilds it when it fails: every failure that is a {@link RuntimeException}
 * (a broker outage that times out {@code initTransactions}, the rewind or a poll) closes the loop's Kafka
 * clients, waits a back-off that doubles from {@code failure-backoff} up to {@code rebuild-backoff-max}, and
 * starts a new loop with new clients; nothing committed is lost, since a new loop starts from the committed
 * offsets. An {@link Error} ends it for good ({@link LoopState#DEAD}, liveness DOWN).
 */
final class LoopSupervisor implements Runnable {

    private static final Logger LOG = Logger.getLogger(LoopSupervisor.class);

    private final Supplier<ExecutionsLoop> loops;
    private final LoopHealth health;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ExecutionsLoop current;

    /** @param loops builds a loop with new Kafka clients */
    LoopSupervisor(Supplier<ExecutionsLoop> loops, LoopHealth health, Duration firstBackoff, Duration maxBackoff) {
        this.loops = loops;
        this.health = health;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public void run() {
        Duration backoff = firstBackoff;
        try {
            while (true) {
                try {
                    ExecutionsLoop loop = next();
                    if (loop == null) {
                        break;
                    }
                    loop.run();
                    break;
                } catch (RuntimeException e) {
                    backoff = health.state() == LoopState.RUNNING ? firstBackoff : backoff;
                    health.moveTo(LoopState.REBUILDING);
                    LOG.errorf(e, "executions loop failed; rebuilding its Kafka clients in %s", backoff);
                }
                if (stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
                backoff = min(backoff.multipliedBy(2), maxBackoff);
            }
            health.moveTo(LoopState.STOPPED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            health.moveTo(LoopState.STOPPED);
        } catch (Error e) {
            health.moveTo(LoopState.DEAD);
            LOG.error("executions loop died; the verifier is no longer live", e);
            throw e;
        }
    }

    /** Stops the running loop and any further rebuild. */
    void stop() {
        stopped.countDown();
        ExecutionsLoop loop;
        synchronized (this) {
            loop = current;
        }
        if (loop != null) {
            loop.stop();
        }
    }

    /** The next loop, or null when stopping. */
    private synchronized ExecutionsLoop next() {
        if (stopped.getCount() == 0) {
            return null;
        }
        if (health.state() == LoopState.REBUILDING) {
            health.moveTo(LoopState.STARTING);
        }
        current = loops.get();
        return current;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
