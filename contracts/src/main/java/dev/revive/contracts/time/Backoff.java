package dev.revive.contracts.time;

import java.time.Duration;

/** The doubling, capped wait between attempts that every retry in Revive uses. */
public final class Backoff {

    private Backoff() {
    }

    /**
     * The wait after attempt number {@code attempt} (from 1) failed: {@code initial}, doubled per attempt, at most
     * {@code max}.
     */
    public static Duration after(int attempt, Duration initial, Duration max) {
        Duration wait = initial;
        for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** The wait after {@code current}: twice as long, at most {@code max}. */
    public static Duration doubled(Duration current, Duration max) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
