package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;
import java.time.Duration;

/**
 * The flap breaker: past {@code maxRestarts} restarts of one node within {@code window}, a
 * further plan for it needs approval.
 *
 * @param maxRestarts restarts of a node allowed in a window
 * @param window      the sliding window
 */
public record RestartBudget(int maxRestarts, Duration window) {

    public RestartBudget {
        Check.between("maxRestarts", maxRestarts, 0, 1_000);
        Check.positive("window", window);
    }

    public static RestartBudget defaults() {
        return new RestartBudget(3, Duration.ofHours(1));
    }
}
