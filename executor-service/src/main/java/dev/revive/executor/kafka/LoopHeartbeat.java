package dev.revive.executor.kafka;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the plan loop is alive: it beats on every iteration (also while it rebuilds its clients),
 * and is dead once it ended for good or has not beaten for longer than the stall bound.
 */
public final class LoopHeartbeat {

    private volatile Instant lastBeat;
    private volatile boolean ended;

    /** Notes an iteration at {@code now}. */
    public void beat(Instant now) {
        lastBeat = now;
    }

    /** Notes that the loop ended for good. */
    public void end() {
        ended = true;
    }

    /** True while the loop runs and beat within {@code stallTimeout} before {@code now}. */
    public boolean isLive(Instant now, Duration stallTimeout) {
        Instant last = lastBeat;
        return !ended && last != null && Duration.between(last, now).compareTo(stallTimeout) <= 0;
    }

    /** When the loop last beat, or null before its first iteration. */
    public Instant lastBeat() {
        return lastBeat;
    }
}
