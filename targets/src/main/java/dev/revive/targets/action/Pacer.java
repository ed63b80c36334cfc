package dev.revive.targets.action;

import java.time.Duration;

/** Waits between polls and retries; injected so that tests need not sleep. */
@FunctionalInterface
public interface Pacer {

    void pause(Duration duration) throws InterruptedException;

    /** The real one: sleeps the current thread. */
    static Pacer sleeping() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
