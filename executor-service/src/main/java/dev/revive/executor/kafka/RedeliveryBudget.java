package dev.revive.executor.kafka;

import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.executor.plan.BoundedMap;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How often a plan may be delivered again after a run that stopped without an outcome, and up to
 * what age: past {@code maxAttempts} runs, or once the plan is older than {@code maxAge} (from its
 * {@code createdAt}), the plan is given up with {@code PLAN_ABORTED}. Attempts are counted in memory
 * (a restarted executor starts counting again; the age bound still holds) for at most
 * {@link #TRACKED_PLANS} plans, the least recently redelivered forgotten first; a plan that ends is
 * forgotten at once. Used from the plan loop's thread only.
 */
final class RedeliveryBudget {

    /** How many plans' attempts are remembered at most. */
    static final int TRACKED_PLANS = 1_000;

    private final int maxAttempts;
    private final Duration maxAge;
    private final Map<String, Integer> runs = new BoundedMap<>(TRACKED_PLANS);

    RedeliveryBudget(int maxAttempts, Duration maxAge) {
        this.maxAttempts = maxAttempts;
        this.maxAge = maxAge;
    }

    /**
     * Counts a run of {@code plan} that stopped without an outcome; returns why the plan must not be
     * delivered again, or empty when it may be.
     */
    Optional<String> stopped(RecoveryPlan plan, Instant now) {
        int attempts = runs.merge(plan.planId(), 1, Integer::sum);
        if (attempts >= maxAttempts) {
            return Optional.of("given up after " + attempts + " runs that stopped without an outcome"
                    + " (revive.executor.redelivery.max-attempts=" + maxAttempts + ")");
        }
        Duration age = Duration.between(plan.createdAt(), now);
        if (age.compareTo(maxAge) > 0) {
            return Optional.of("given up: the plan is " + age.withNanos(0) + " old and still has no outcome"
                    + " (revive.executor.redelivery.max-age=" + maxAge + ")");
        }
        return Optional.empty();
    }

    /** The plan ended (or was given up): its attempts are no longer needed. */
    void ended(RecoveryPlan plan) {
        runs.remove(plan.planId());
    }

    /** How many plans are tracked now. */
    int size() {
        return runs.size();
    }
}
