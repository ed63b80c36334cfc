package dev.revive.executor.plan;

import dev.revive.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.time.IdSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lock is taken before the history is read, and a finished plan is not run again. */
class PlanJobTest {

    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final PlanRunnerTest.ScriptedHandler steps = new PlanRunnerTest.ScriptedHandler();
    private final List<String> order = new ArrayList<>();
    private final List<ExecutionEvent> history = new ArrayList<>();
    private final PlanRunner runner = new PlanRunner(steps, event -> { }, new ExecutionEvents(clock,
            IdSource.sequential(), "executor-a"), new Fixtures.FakePacer(clock),
            new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1)));
    private final RecoveryPlan plan = Fixtures.restartPlan("m2");

    @Test
    void historyIsReadOnlyOnceTheLockIsHeld() {
        PlanJob job = new PlanJob(this::lock, this::history, runner);

        PlanJob.Ended ended = job.run(plan, Fixtures.cluster(Path.of("/srv/revive-test")), RunControl.none());

        assertThat(order).containsExactly("lock etcd-a", "history inc-1-r1");
        assertThat(ended.lock().token()).isEqualTo(42);
        assertThat(ended.result().state()).isEqualTo(PlanState.COMPLETED);
    }

    @Test
    void finishedPlanIsNotRunAgain() {
        PlanOutcome earlier = new PlanOutcome("o-1", plan.planId(), plan.incidentId(), plan.clusterId(),
                Outcome.PLAN_COMPLETED, "executor-old", 3, "done", Fixtures.T0, Fixtures.T0);
        history.add(earlier);
        PlanJob job = new PlanJob(this::lock, this::history, runner);

        PlanJob.Ended ended = job.run(plan, Fixtures.cluster(Path.of("/srv/revive-test")), RunControl.none());

        assertThat(ended.result()).isEqualTo(new PlanResult.AlreadyFinished(earlier));
        assertThat(steps.executed).isEmpty();
    }

    @Test
    void cancelledWhileWaitingForTheLockStopsWithoutLock() {
        PlanJob job = new PlanJob((clusterId, cancelled) -> null, this::history, runner);

        PlanJob.Ended ended = job.run(plan, Fixtures.cluster(Path.of("/srv/revive-test")), RunControl.of(() -> true, java.util.Optional::empty));

        assertThat(ended.lock()).isNull();
        assertThat(ended.result().state()).isEqualTo(PlanState.STOPPED);
        assertThat(steps.executed).isEmpty();
    }

    private HeldLock lock(String clusterId, java.util.function.BooleanSupplier cancelled) {
        order.add("lock " + clusterId);
        return new HeldLock() {
            @Override
            public String clusterId() {
                return clusterId;
            }

            @Override
            public long token() {
                return 42;
            }

            @Override
            public boolean admit(String planId, String stepId) {
                return true;
            }

            @Override
            public void close() {
                order.add("release");
            }
        };
    }

    private List<ExecutionEvent> history(RecoveryPlan plan) {
        order.add("history " + plan.planId());
        return history;
    }
}
