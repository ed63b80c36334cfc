package dev.revive.service.api;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled at {@code perSecond} tokens a second; each
 * request takes one. Time comes from the injected {@link Clock}. Thread-safe.
 */
public final class TokenBucket {

    private static final double MILLIS_PER_SECOND = 1000.0;

    private final Clock clock;
    private final double perMilli;
    private final double burst;
    private double tokens;
    private long refilledAt;

    /** A full bucket of {@code burst} tokens, refilled at {@code perSecond}; both must be positive. */
    public TokenBucket(Clock clock, double perSecond, int burst) {
        checkLimits(perSecond, burst);
        this.clock = clock;
        this.perMilli = perSecond / MILLIS_PER_SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = clock.millis();
    }

    /** Throws {@link IllegalArgumentException} unless both the rate and the burst are positive. */
    static void checkLimits(double perSecond, int burst) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive, were " + perSecond + "/s and " + burst);
        }
    }

    /** Takes one token: {@link Duration#ZERO} when one was there, else how long until one will be. */
    public synchronized Duration tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil((1 - tokens) / perMilli));
    }

    /** True when the bucket is full again, i.e. forgetting it changes nothing. */
    public synchronized boolean isFull() {
        refill();
        return tokens >= burst;
    }

    private void refill() {
        long now = clock.millis();
        if (now > refilledAt) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * perMilli);
            refilledAt = now;
        }
    }
}
