package dev.revive.verifier;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.verifier.report.References;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The specs, plans and reported plan ids read from Kafka, and the restart times of plans seen on
 * {@code revive.executions}, held in memory. Writers are the reference reader and, for restarts and
 * reported plans, the executions loop (a plan is marked reported once its transaction committed).
 *
 * <p>Bounded: a reported plan's plan and restart time are forgotten at once (a plan read after its report is
 * not kept), and plans, reported plan ids and restart times are each capped at {@code maxPlans}
 * ({@code revive.verifier.kafka.max-plans}), the oldest forgotten first. A duplicate outcome of a plan
 * forgotten that way finds no plan and is dead-lettered as UNKNOWN_PLAN after {@code reference-wait}: never
 * reported twice. Specs are as many as the registered clusters; a tombstone removes one.
 */
final class ReferenceStore implements References {

    /** The default of {@code revive.verifier.kafka.max-plans}. */
    static final int DEFAULT_MAX_PLANS = 10_000;

    private final Map<String, ClusterSpec> clusters = new ConcurrentHashMap<>();
    private final Map<String, RecoveryPlan> plans;
    private final Map<String, Boolean> reported;
    private final Map<String, Instant> restarts;
    private final Object changed = new Object();

    ReferenceStore() {
        this(DEFAULT_MAX_PLANS);
    }

    /** @param maxPlans how many plans, and as many reported plan ids and restart times, are kept at most */
    ReferenceStore(int maxPlans) {
        this.plans = oldestFirstEvicted(maxPlans);
        this.reported = oldestFirstEvicted(maxPlans);
        this.restarts = oldestFirstEvicted(maxPlans);
    }

    void putCluster(ClusterSpec spec) {
        clusters.put(spec.id(), spec);
        signal();
    }

    void removeCluster(String clusterId) {
        clusters.remove(clusterId);
    }

    /** Keeps a plan until it is reported; a plan reported already is not kept. */
    void putPlan(RecoveryPlan plan) {
        if (!isReported(plan.planId())) {
            plans.put(plan.planId(), plan);
        }
        signal();
    }

    /** The plan's report is out: its plan and restart time are no longer needed. */
    void markReported(String planId) {
        reported.put(planId, Boolean.TRUE);
        plans.remove(planId);
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
        return reported.containsKey(planId);
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

    private static <V> Map<String, V> oldestFirstEvicted(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        });
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }
}
