package dev.revive.executor.plan;

import dev.revive.contracts.execution.PlanOutcome;

/** How one run of a plan ended. Only a {@link Finished} run has a new outcome to publish. */
public sealed interface PlanResult {

    /** The final state of the run. */
    PlanState state();

    /** Every step was carried out or the plan aborted; {@code outcome} is to be published with the plan's offset. */
    record Finished(PlanOutcome outcome) implements PlanResult {
        @Override
        public PlanState state() {
            return outcome.outcome() == dev.revive.contracts.execution.Outcome.PLAN_COMPLETED
                    ? PlanState.COMPLETED : PlanState.ABORTED;
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
