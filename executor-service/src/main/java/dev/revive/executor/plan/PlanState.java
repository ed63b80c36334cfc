package dev.revive.executor.plan;

import dev.revive.contracts.state.TransitionTable;

/** The state machine of one run of a plan by this executor; its moves are {@link #TABLE}. */
public enum PlanState {
    /** Waiting for the cluster's lock. */
    PENDING,
    /** The lock is held; the plan's history is being read. */
    LOCKED,
    /** Steps are being carried out (or, in a dry run, described). */
    RUNNING,
    /** Every step is done; the outcome is PLAN_COMPLETED. */
    COMPLETED,
    /** A step with onFailure ABORT failed; the outcome is PLAN_ABORTED. */
    ABORTED,
    /** The plan was withdrawn or its fault no longer held before an acting step; the outcome is PLAN_CANCELLED. */
    CANCELLED,
    /** An outcome was already recorded by an earlier run; nothing is done. */
    ALREADY_FINISHED,
    /** The run stopped without an outcome (lost fence, shutdown, error); the plan is delivered again. */
    STOPPED;

    /** The allowed moves of a plan run: the one guard is {@link TransitionTable#ensure}. */
    public static final TransitionTable<PlanState> TABLE = TransitionTable.of(PlanState.class, "plan run")
            .allow(PENDING, LOCKED, STOPPED)
            .allow(LOCKED, RUNNING, ALREADY_FINISHED, STOPPED)
            .allow(RUNNING, COMPLETED, ABORTED, CANCELLED, STOPPED)
            .build();

    /** Returns {@code target} when this state may move to it; throws {@code IllegalTransitionException} otherwise. */
    public PlanState moveTo(PlanState target) {
        return TABLE.ensure(this, target);
    }
}
