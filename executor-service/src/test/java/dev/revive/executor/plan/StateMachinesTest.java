package dev.revive.executor.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.state.IllegalTransitionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The guards of the plan-run and step state machines, and the retry backoff. */
class StateMachinesTest {

    @Test
    void stepMovesStartedThenOneTerminalAndRetriesOnlyAfterAFailure() {
        StepLifecycle step = new StepLifecycle();
        step.move(StepStatus.STARTED);
        step.move(StepStatus.FAILED);
        step.move(StepStatus.STARTED);
        step.move(StepStatus.SUCCEEDED);

        assertThatThrownBy(() -> step.move(StepStatus.STARTED)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("step transition SUCCEEDED -> STARTED");
        assertThatThrownBy(() -> new StepLifecycle().move(StepStatus.SUCCEEDED))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(StepLifecycle.TABLE.allows(StepStatus.STARTED, StepStatus.STARTED)).isFalse();
        assertThat(StepLifecycle.TABLE.allows(StepStatus.STARTED, StepStatus.DRY_RUN)).isTrue();
        assertThat(StepLifecycle.TABLE.next(StepStatus.DRY_RUN)).isEmpty();
    }

    @Test
    void planRunCannotSkipTheLock() {
        assertThat(PlanState.PENDING.moveTo(PlanState.LOCKED).moveTo(PlanState.RUNNING).moveTo(PlanState.ABORTED))
                .isEqualTo(PlanState.ABORTED);
        assertThat(PlanState.RUNNING.moveTo(PlanState.CANCELLED)).isEqualTo(PlanState.CANCELLED);
        assertThatThrownBy(() -> PlanState.PENDING.moveTo(PlanState.RUNNING))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("plan run transition PENDING -> RUNNING");
        assertThatThrownBy(() -> PlanState.COMPLETED.moveTo(PlanState.RUNNING))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        RetryPolicy retry = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(3));

        assertThat(retry.backoffAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(retry.backoffAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(retry.backoffAfter(9)).isEqualTo(Duration.ofSeconds(3));
    }
}
