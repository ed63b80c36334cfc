package dev.revive.verifier;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.verifier.report.References;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The specs, plans and reported plan ids read from Kafka, and the restart times of plans seen on
 * {@code revive.executions}, held in memory. Writers are the reference reader and, for restarts and
 * reported plans, the executions loop (a plan is marked reported once its transaction committed).
 */
final class ReferenceStore implements References {

    private final Map<String, ClusterSpec> clusters = new ConcurrentHashMap<>();
    private final Map<String, RecoveryPlan> plans = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> restarts = new ConcurrentHashMap<>();
    private final Object changed = new Object();

    void putCluster(ClusterSpec spec) {
        clusters.put(spec.id(), spec);
        signal();
    }

    void removeCluster(String clusterId) {
        clusters.remove(clusterId);
    }

    void putPlan(RecoveryPlan plan) {
        plans.put(plan.planId(), plan);
        signal();
    }

    void markReported(String planId) {
        reported.add(planId);
        restarts.remove(planId);
    }

    /** Remembers when a plan's START step succeeded; a later success of it replaces an earlier one. */
    void recordRestart(String planId, Instant at) {
        restarts.merge(planId, at, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
    }

    @Override
    public Optional<Instant> restartedAt(String planId) {
        return Optional.ofNullable(restarts.get(planId));
    }

    @Override
    public boolean isReported(String planId) {
        return reported.contains(planId);
    }

    @Override
    public Optional<RecoveryPlan> awaitPlan(String planId, Duration wait) {
        return await(() -> plans.get(planId), wait);
    }

    @Override
    public Optional<ClusterSpec> awaitCluster(String clusterId, Duration wait) {
        return await(() -> clusters.get(clusterId), wait);
    }

    private <T> Optional<T> await(Supplier<T> lookup, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (changed) {
            T found = lookup.get();
            long left = deadline - System.nanoTime();
            while (found == null && left > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
                found = lookup.get();
                left = deadline - System.nanoTime();
            }
            return Optional.ofNullable(found);
        }
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }
}
