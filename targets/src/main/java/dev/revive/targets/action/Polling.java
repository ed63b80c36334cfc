package dev.revive.targets.action;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the waiting handlers (AWAIT_HEALTHY, AWAIT_CAUGHT_UP, AWAIT_QUORUM) poll.
 *
 * @param clock    the time source of deadlines
 * @param pacer    waits between polls
 * @param interval how often they ask
 */
public record Polling(Clock clock, Pacer pacer, Duration interval) {

    public Polling {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pacer, "pacer");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive but was " + interval);
        }
    }

    /** The real clock and real sleeps. */
    public static Polling every(Duration interval) {
        return new Polling(Clock.systemUTC(), Pacer.sleeping(), interval);
    }

    Instant now() {
        return clock.instant();
    }

    long millisSince(Instant start) {
        return Duration.between(start, clock.instant()).toMillis();
    }
}
