package dev.revive.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Bounded waiting for the launcher, the demo and the benchmark (tests use Awaitility instead). */
final class Polling {

    private static final long INTERVAL_MS = 100;

    private Polling() {
    }

    /** The first present value of {@code probe} within {@code timeout}; otherwise fails naming {@code what}. */
    static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            TimeUnit.MILLISECONDS.sleep(INTERVAL_MS);
        }
        throw new IllegalStateException("no " + what + " within " + timeout);
    }

    /** Waits until {@code condition} holds, within {@code timeout}. */
    static void until(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        await(what, timeout, () -> condition.get() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }
}
