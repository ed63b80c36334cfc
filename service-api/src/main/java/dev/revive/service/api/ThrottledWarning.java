package dev.revive.service.api;

import java.time.Clock;
import java.time.Duration;

/**
 * Decides when a repeated warning is written: at most once per {@code interval}, the next one carrying how many
 * were suppressed since. Time comes from the injected {@link Clock}. Thread-safe.
 */
public final class ThrottledWarning {

    private final Clock clock;
    private final long intervalMillis;
    private long lastLoggedAt;
    private boolean loggedOnce;
    private long suppressed;

    /** At most one warning per {@code interval}. */
    public ThrottledWarning(Clock clock, Duration interval) {
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /**
     * Counts one occurrence: returns how many were suppressed before it when it is to be logged now, or
     * {@code -1} when it is suppressed itself.
     */
    public synchronized long occurred() {
        long now = clock.millis();
        if (loggedOnce && now - lastLoggedAt < intervalMillis) {
            suppressed++;
            return -1;
        }
        long before = suppressed;
        loggedOnce = true;
        lastLoggedAt = now;
        suppressed = 0;
        return before;
    }
}
