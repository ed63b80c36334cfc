package dev.revive.executor.plan;

/**
 * The fencing check an executor passes before every attempt of a step and again right before every act
 * (signal, process start) within it: it proves that this executor still holds
 * the cluster's lock, and records which step it admitted. A failed check means another executor
 * holds the cluster, and the plan must stop without acting.
 */
public interface Fence {

    /** The fencing token: the create revision of the lock key this executor wrote. */
    long token();

    /**
     * Atomically checks that the lock is still this executor's and records {@code planId/stepId}
     * as the admitted step.
     *
     * @return true when the step may act
     */
    boolean admit(String planId, String stepId);
}
