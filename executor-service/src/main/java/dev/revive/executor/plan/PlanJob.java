package dev.revive.executor.plan;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.plan.RecoveryPlan;
import org.jboss.logging.Logger;

/**
 * One plan, start to end, on a worker thread: take the cluster's lock, read back what earlier runs
 * did (after the lock, so that nothing can change it any more), and run the rest. The lock is
 * handed back with the result, still held, so that the outcome is published before it is released.
 */
public final class PlanJob {

    private static final Logger LOG = Logger.getLogger(PlanJob.class);

    private final ClusterLocking locking;
    private final PlanHistory history;
    private final PlanRunner runner;

    public PlanJob(ClusterLocking locking, PlanHistory history, PlanRunner runner) {
        this.locking = locking;
        this.history = history;
        this.runner = runner;
    }

    /**
     * How a run ended, and the lock it still holds (null when none was taken).
     *
     * @param result the run's result
     * @param lock   the held lock, to be closed by the caller once the result is published
     */
    public record Ended(PlanResult result, HeldLock lock) {
    }

    public Ended run(RecoveryPlan plan, ClusterSpec spec, RunControl control) {
        PlanState state = PlanState.PENDING;
        HeldLock lock;
        try {
            lock = locking.acquire(plan.clusterId(), control::stopping);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lock = null;
        }
        if (lock == null) {
            state.moveTo(PlanState.STOPPED);
            return new Ended(new PlanResult.Stopped("stopped while waiting for the lock of " + plan.clusterId()), null);
        }
        state = state.moveTo(PlanState.LOCKED);
        LOG.infof("plan %s holds the lock of %s with fencing token %d", plan.planId(), plan.clusterId(), lock.token());
        try {
            PlanProgress earlier = PlanProgress.of(history.eventsOf(plan));
            if (earlier.outcome().isPresent()) {
                state.moveTo(PlanState.ALREADY_FINISHED);
                LOG.infof("plan %s already ended %s; nothing to do", plan.planId(), earlier.outcome().get().outcome());
                return new Ended(new PlanResult.AlreadyFinished(earlier.outcome().get()), lock);
            }
            if (!earlier.isEmpty()) {
                LOG.infof("plan %s was started by an earlier run; resuming it", plan.planId());
            }
            state = state.moveTo(PlanState.RUNNING);
            PlanResult result = runner.run(plan, spec, lock, earlier, control);
            state.moveTo(result.state());
            return new Ended(result, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }
}
