package dev.revive.executor.plan;

import dev.revive.contracts.time.Backoff;
import java.time.Duration;

/**
 * How long to wait before the next attempt of a failed step: {@code initial}, doubled per attempt,
 * at most {@code max}. How many attempts a step gets is the plan's {@code params.attempts}.
 *
 * @param initial the wait before the second attempt
 * @param max     the longest wait
 */
public record RetryPolicy(Duration initial, Duration max) {

    /** The wait after attempt number {@code attempt} (from 1) failed. */
    public Duration backoffAfter(int attempt) {
        return Backoff.after(attempt, initial, max);
    }
}
