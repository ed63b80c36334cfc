package dev.revive.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Interrupt-aware helpers for the kit's deadline-bounded polling loops. */
public final class Interrupts {

    private Interrupts() {
    }

    /** Parks the calling thread between two polls of a deadline-bounded loop. */
    public static void pause(Duration interval) {
        LockSupport.parkNanos(interval.toNanos());
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted while polling");
        }
    }

    /** Wraps {@code e} in an unchecked exception, restoring the interrupt flag if it was one. */
    static RuntimeException propagate(String message, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(message, e);
    }
}
