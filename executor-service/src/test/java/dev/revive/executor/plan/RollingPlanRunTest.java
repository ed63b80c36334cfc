package dev.revive.executor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.time.IdSource;
import dev.revive.executor.plan.PlanRunnerTest.FakeFence;
import dev.revive.executor.plan.PlanRunnerTest.ScriptedHandler;
import dev.revive.targets.action.StepOutcome;
import dev.revive.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The member order of a plan over several members (the live leader last) and the lifting steps of an early end. */
class RollingPlanRunTest {

    private static final Path ROOT = Path.of("/srv/revive-test");

    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final ScriptedHandler steps = new ScriptedHandler();
    private final RecordingRecorder recorder = new RecordingRecorder();
    private final ExecutionEvents events = new ExecutionEvents(clock, IdSource.sequential(), "executor-a");
    private final FakeFence fence = new FakeFence(7);

    @Test
    void leaderGoesLastAndClusterStepsKeepTheirPlace() {
        AtomicInteger asked = new AtomicInteger();
        PlanResult result = run(rolling(), PlanProgress.none(), spec -> {
            asked.incrementAndGet();
            return Optional.of("m0");
        });

        assertThat(steps.executed).containsExactly("01-snapshot", "m1.02-stop", "m1.05-start", "m2.02-stop",
                "m2.05-start", "m0.02-stop", "m0.05-start");
        assertThat(asked).as("asked before each member's turn while more than one is left").hasValue(2);
        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_COMPLETED);
    }

    @Test
    void leadershipThatMovesDuringTheRollIsFollowed() {
        List<String> leaders = new ArrayList<>(List.of("m0", "m2"));
        run(rolling(), PlanProgress.none(), spec -> Optional.of(leaders.size() > 1 ? leaders.remove(0) : leaders.get(0)));

        assertThat(steps.executed).as("m0 leads first, so m1 goes; then m2 leads, so m0 goes before it")
                .containsExactly("01-snapshot", "m1.02-stop", "m1.05-start", "m0.02-stop", "m0.05-start",
                        "m2.02-stop", "m2.05-start");
    }

    @Test
    void memberBegunByAnEarlierRunIsFinishedFirstEvenIfItLeads() {
        RecoveryPlan plan = rolling();
        List<ExecutionEvent> earlier = new ArrayList<>();
        earlier.add(event(plan, "01-snapshot", StepStatus.SUCCEEDED));
        earlier.add(event(plan, "m2.02-stop", StepStatus.SUCCEEDED));

        run(plan, PlanProgress.of(earlier), spec -> Optional.of("m2"));

        assertThat(steps.executed).containsExactly("m2.05-start", "m0.02-stop", "m0.05-start", "m1.02-stop",
                "m1.05-start");
    }

    @Test
    void noLeaderKnownOrALookupThatFailsKeepsThePlansOrder() {
        run(rolling(), PlanProgress.none(), spec -> {
            throw new IllegalStateException("status reader down");
        });

        assertThat(steps.executed).containsExactly("01-snapshot", "m0.02-stop", "m0.05-start", "m1.02-stop",
                "m1.05-start", "m2.02-stop", "m2.05-start");
    }

    @Test
    void interleavedMembersKeepThePlansOrderEvenWhenALeaderIsKnown() {
        List<PlanStep> steps = new ArrayList<>();
        for (String member : List.of("m0", "m1", "m2")) {
            steps.add(Fixtures.step(member + ".01-backup", Action.SNAPSHOT, member, 1));
        }
        for (String member : List.of("m0", "m1", "m2")) {
            steps.add(Fixtures.step(member + ".02-start", Action.START, member, 1));
        }

        run(Fixtures.plan("inc-7", 1, PlanMode.AUTO, steps), PlanProgress.none(), spec -> Optional.of("m0"));

        assertThat(steps.stream().map(PlanStep::stepId).toList()).isEqualTo(this.steps.executed);
    }

    @Test
    void abortedPlanStillLiftsItsFence() {
        steps.script("m1.05-start", StepOutcome.failed("port in use"));

        PlanResult result = run(fenced(), PlanProgress.none(), LeaderLookup.NONE);

        assertThat(steps.executed).containsExactly("00-fence-writes", "m0.02-stop", "m0.05-start", "m1.02-stop",
                "m1.05-start", "99-unfence");
        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_ABORTED);
        assertThat(outcome(result).detail()).contains("m1.05-start", "port in use", "lifted", "99-unfence", "done");
    }

    @Test
    void liftingThatFailsIsToldAndThePlanStillEnds() {
        steps.script("m0.02-stop", StepOutcome.failed("refused"));
        steps.script("99-unfence", StepOutcome.failed("auth store unavailable"));

        PlanResult result = run(fenced(), PlanProgress.none(), LeaderLookup.NONE);

        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_ABORTED);
        assertThat(outcome(result).detail()).contains("99-unfence", "auth store unavailable");
    }

    @Test
    void liftingAlreadyDoneIsNotRepeated() {
        RecoveryPlan plan = fenced();
        List<ExecutionEvent> earlier = new ArrayList<>();
        earlier.add(event(plan, "00-fence-writes", StepStatus.SUCCEEDED));
        earlier.add(event(plan, "m0.02-stop", StepStatus.FAILED));
        earlier.add(event(plan, "99-unfence", StepStatus.SUCCEEDED));

        PlanResult result = run(plan, PlanProgress.of(earlier), LeaderLookup.NONE);

        assertThat(steps.executed).doesNotContain("99-unfence", "00-fence-writes");
        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_ABORTED);
    }

    private PlanResult run(RecoveryPlan plan, PlanProgress earlier, LeaderLookup leaders) {
        PlanRunner runner = new PlanRunner(steps, recorder, events, new Fixtures.FakePacer(clock),
                new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10)), leaders);
        return runner.run(plan, Fixtures.cluster(ROOT), fence, earlier, RunControl.none());
    }

    /** A snapshot on no node, then a stop and a start of m0, m1, m2. */
    private static RecoveryPlan rolling() {
        List<PlanStep> plan = new ArrayList<>();
        plan.add(Fixtures.step("01-snapshot", Action.SNAPSHOT, null, 1));
        for (String member : List.of("m0", "m1", "m2")) {
            plan.add(Fixtures.step(member + ".02-stop", Action.STOP, member, 1));
            plan.add(Fixtures.step(member + ".05-start", Action.START, member, 1));
        }
        return Fixtures.plan("inc-9", 1, PlanMode.AUTO, plan);
    }

    /** Fence, a stop and a start of m0 and m1, unfence. */
    private static RecoveryPlan fenced() {
        List<PlanStep> plan = new ArrayList<>();
        plan.add(Fixtures.step("00-fence-writes", Action.FENCE_WRITES, null, 1));
        for (String member : List.of("m0", "m1")) {
            plan.add(Fixtures.step(member + ".02-stop", Action.STOP, member, 1));
            plan.add(Fixtures.step(member + ".05-start", Action.START, member, 1));
        }
        plan.add(Fixtures.step("99-unfence", Action.UNFENCE, null, 1));
        return Fixtures.plan("inc-8", 1, PlanMode.AUTO, plan);
    }

    private static StepEvent event(RecoveryPlan plan, String stepId, StepStatus status) {
        PlanStep step = plan.step(stepId).orElseThrow();
        return new StepEvent("e-" + stepId + status, plan.planId(), plan.incidentId(), plan.clusterId(), stepId,
                step.action(), step.nodeId(), 1, status, "executor-old", 3, "earlier run", Fixtures.T0.minusSeconds(60));
    }

    private static PlanOutcome outcome(PlanResult result) {
        assertThat(result).isInstanceOf(PlanResult.Finished.class);
        return ((PlanResult.Finished) result).outcome();
    }
}
