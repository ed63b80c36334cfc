package dev.revive.executor.plan;

import dev.revive.contracts.execution.PlanOutcome;

/** How one run of a plan ended. Only a {@link Finished} run has a new outcome to publish. */
public sealed interface PlanResult {

    /** The final state of the run. */
    PlanState state();

    /** The plan completed, aborted or was cancelled; {@code outcome} is to be published with the plan's offset. */
    record Finished(PlanOutcome outcome) implements PlanResult {
        @Override
        public PlanState state() {
            return switch (outcome.outcome()) {
                case PLAN_COMPLETED -> PlanState.COMPLETED;
                case PLAN_ABORTED -> PlanState.ABORTED;
                case PLAN_CANCELLED -> PlanState.CANCELLED;
            };
        }
    }

    /** An earlier run already published {@code outcome}; only the plan's offset is to be committed. */
    record AlreadyFinished(PlanOutcome outcome) implements PlanResult {
        @Override
        public PlanState state() {
            return PlanState.ALREADY_FINISHED;
        }
    }

    /** The run stopped without an outcome, for {@code reason}; the plan must be delivered again. */
    record Stopped(String reason) implements PlanResult {
        @Override
        public PlanState state() {
            return PlanState.STOPPED;
        }
    }
}
