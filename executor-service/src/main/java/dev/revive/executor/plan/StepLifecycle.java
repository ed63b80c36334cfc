package dev.revive.executor.plan;

import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.state.IllegalTransitionException;
import dev.revive.contracts.state.TransitionTable;
import java.util.Set;

/**
 * The state machine of one step within one run: STARTED, then one terminal status; after a failed or
 * timed-out attempt, STARTED again; after SUCCEEDED, SKIPPED or DRY_RUN, nothing. {@link #move} throws on any
 * other transition, so the audit trail cannot say something impossible.
 */
final class StepLifecycle {

    /** The allowed moves between step statuses; a step's first event is always STARTED. */
    static final TransitionTable<StepStatus> TABLE = TransitionTable.of(StepStatus.class, "step")
            .allow(StepStatus.STARTED, StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.SKIPPED,
                    StepStatus.TIMED_OUT, StepStatus.DRY_RUN)
            .allow(StepStatus.FAILED, StepStatus.STARTED)
            .allow(StepStatus.TIMED_OUT, StepStatus.STARTED)
            .build();

    private StepStatus current;

    /** Moves to {@code next} or throws {@link IllegalTransitionException}. */
    void move(StepStatus next) {
        if (current == null && next != StepStatus.STARTED) {
            throw new IllegalTransitionException("step", null, next, Set.of(StepStatus.STARTED));
        }
        current = current == null ? next : TABLE.ensure(current, next);
    }
}
