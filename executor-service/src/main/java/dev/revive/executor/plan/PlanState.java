package dev.revive.executor.plan;

import java.util.EnumSet;
import java.util.Set;

/** The state machine of one run of a plan by this executor, with the one guard that checks each move. */
public enum PlanState {
    /** Waiting for the cluster's lock. */
    PENDING,
    /** The lock is held; the plan's history is being read. */
    LOCKED,
    /** Steps are being carried out. */
    RUNNING,
    /** Every step is done; the outcome is PLAN_COMPLETED. */
    COMPLETED,
    /** A step with onFailure ABORT failed; the outcome is PLAN_ABORTED. */
    ABORTED,
    /** An outcome was already recorded by an earlier run; nothing is done. */
    ALREADY_FINISHED,
    /** The run stopped without an outcome (lost fence, cancelled, error); the plan is delivered again. */
    STOPPED;

    /** The states this one may move to. */
    public Set<PlanState> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(LOCKED, STOPPED);
            case LOCKED -> EnumSet.of(RUNNING, ALREADY_FINISHED, STOPPED);
            case RUNNING -> EnumSet.of(COMPLETED, ABORTED, STOPPED);
            case COMPLETED, ABORTED, ALREADY_FINISHED, STOPPED -> EnumSet.noneOf(PlanState.class);
        };
    }

    /** Returns {@code target} when this state may move to it; throws otherwise. */
    public PlanState moveTo(PlanState target) {
        if (!next().contains(target)) {
            throw new IllegalStateException("a plan run cannot go from " + this + " to " + target);
        }
        return target;
    }
}
