package dev.revive.executor.plan;

import dev.revive.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.time.IdSource;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Step order, abort and continue, retries, resume, fencing, cancel and dry run of the plan runner, with scripted steps. */
class PlanRunnerTest {

    private static final Path ROOT = Path.of("/srv/revive-test");

    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final Fixtures.FakePacer pacer = new Fixtures.FakePacer(clock);
    private final ScriptedHandler steps = new ScriptedHandler();
    private final RecordingRecorder recorder = new RecordingRecorder();
    private final ExecutionEvents events = new ExecutionEvents(clock, IdSource.sequential(), "executor-a");
    private final PlanRunner runner = new PlanRunner(steps, recorder, events, pacer,
            new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10)));
    private final FakeFence fence = new FakeFence(7);

    @Test
    void runsStepsInOrderAndCompletes() {
        RecoveryPlan plan = Fixtures.restartPlan("m2");

        PlanResult result = run(plan, PlanProgress.none());

        assertThat(steps.executed).containsExactly("01-snapshot", "02-stop", "03-force-kill", "04-clean-temp",
                "05-start", "06-await-healthy", "07-await-caught-up");
        assertThat(recorder.trail()).startsWith("01-snapshot:1:STARTED", "01-snapshot:1:SUCCEEDED", "02-stop:1:STARTED");
        // before each attempt and before recording its end
        assertThat(fence.admitted).hasSize(14).allMatch(admitted -> admitted.startsWith(plan.planId() + "/"));
        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_COMPLETED);
        assertThat(outcome(result).fencingToken()).isEqualTo(7);
        assertThat(outcome(result).startedAt()).isEqualTo(Fixtures.T0);
    }

    @Test
    void abortStopsThePlanAtTheFailedStep() {
        steps.script("05-start", StepOutcome.failed("port in use"), StepOutcome.failed("port in use"));

        PlanResult result = run(Fixtures.restartPlan("m2"), PlanProgress.none());

        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_ABORTED);
        assertThat(outcome(result).detail()).contains("05-start", "port in use");
        assertThat(steps.executed).doesNotContain("06-await-healthy", "07-await-caught-up");
    }

    @Test
    void continueGoesOnAfterAFailedStep() {
        steps.script("01-snapshot", StepOutcome.failed("no healthy member"), StepOutcome.failed("no healthy member"));

        PlanResult result = run(Fixtures.restartPlan("m2"), PlanProgress.none());

        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_COMPLETED);
        assertThat(outcome(result).detail()).contains("failed and continued", "01-snapshot");
        assertThat(steps.executed).contains("07-await-caught-up");
    }

    @Test
    void retriesWithBackoffUpToTheAttempts() {
        RecoveryPlan plan = Fixtures.plan("inc-1", 1, PlanMode.AUTO, Fixtures.restartSteps("m2", "m0", 3));
        steps.script("06-await-healthy", StepOutcome.timedOut("not yet"), StepOutcome.timedOut("not yet"),
                StepOutcome.succeeded("healthy"));

        PlanResult result = run(plan, PlanProgress.none());

        assertThat(recorder.terminal()).containsSubsequence("06-await-healthy:TIMED_OUT", "06-await-healthy:TIMED_OUT",
                "06-await-healthy:SUCCEEDED");
        assertThat(recorder.trail()).contains("06-await-healthy:3:SUCCEEDED");
        assertThat(pacer.pauses()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_COMPLETED);
    }

    @Test
    void permanentFailureIsNotRetried() {
        steps.script("02-stop", StepOutcome.failedPermanently("node m2 is controlled by DockerControl"));

        PlanResult result = run(Fixtures.restartPlan("m2"), PlanProgress.none());

        assertThat(recorder.trail()).containsOnlyOnce("02-stop:1:STARTED").doesNotContain("02-stop:2:STARTED");
        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_ABORTED);
    }

    @Test
    void resumesAfterTheLastDoneStep() {
        RecoveryPlan plan = Fixtures.restartPlan("m2");
        List<ExecutionEvent> earlier = new ArrayList<>(firstRunOf(plan, "01-snapshot", "02-stop", "03-force-kill"));
        earlier.add(event(plan, "04-clean-temp", 1, StepStatus.STARTED));

        PlanResult result = run(plan, PlanProgress.of(earlier));

        assertThat(steps.executed).containsExactly("04-clean-temp", "05-start", "06-await-healthy",
                "07-await-caught-up");
        assertThat(recorder.trail()).startsWith("04-clean-temp:2:STARTED", "04-clean-temp:2:SUCCEEDED");
        assertThat(outcome(result).startedAt()).isEqualTo(Fixtures.T0.minusSeconds(60));
    }

    @Test
    void exhaustedStepFromAnEarlierRunAbortsWithoutActing() {
        RecoveryPlan plan = Fixtures.restartPlan("m2");
        List<ExecutionEvent> earlier = new ArrayList<>(firstRunOf(plan, "01-snapshot", "02-stop", "03-force-kill",
                "04-clean-temp"));
        for (int attempt = 1; attempt <= 2; attempt++) {
            earlier.add(event(plan, "05-start", attempt, StepStatus.STARTED));
            earlier.add(event(plan, "05-start", attempt, StepStatus.FAILED));
        }

        PlanResult result = run(plan, PlanProgress.of(earlier));

        assertThat(steps.executed).isEmpty();
        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_ABORTED);
    }

    @Test
    void failedFenceStopsWithoutActing() {
        // two steps admitted, each before its attempt and before its end; the third refused
        fence.refuseAfter(4);

        PlanResult result = run(Fixtures.restartPlan("m2"), PlanProgress.none());

        assertThat(result).isInstanceOf(PlanResult.Stopped.class);
        assertThat(((PlanResult.Stopped) result).reason()).contains("fencing token 7");
        assertThat(steps.executed).containsExactly("01-snapshot", "02-stop");
        assertThat(recorder.trail()).noneMatch(entry -> entry.startsWith("03-force-kill"));
    }

    @Test
    void fenceIsConsultedImmediatelyBeforeTheSignal() {
        // given a STOP step whose handler signals once its gate admits, noting how many admits came before
        List<Integer> admitsAtSignal = new ArrayList<>();
        RecoveryPlan plan = Fixtures.plan("inc-1", 1, PlanMode.AUTO, List.of(Fixtures.step("02-stop", Action.STOP, "m2", 1)));

        // when the plan runs
        PlanResult result = gatedRunner(admitsAtSignal).run(plan, Fixtures.cluster(ROOT), fence, PlanProgress.none(),
                RunControl.none());

        // then the fence admitted the attempt and again right before the signal
        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_COMPLETED);
        assertThat(admitsAtSignal).containsExactly(2);
        assertThat(fence.admitted).containsExactly(plan.planId() + "/02-stop", plan.planId() + "/02-stop",
                plan.planId() + "/02-stop");
    }

    @Test
    void fenceLostDuringAnAttemptThatDoesNotActLeavesItsEndUnrecorded() {
        // given a step that acts on nothing (no gate), and a lock lost while it runs (an executor paused past its lease)
        RecoveryPlan plan = Fixtures.plan("inc-1", 1, PlanMode.AUTO,
                List.of(Fixtures.step("01-snapshot", Action.SNAPSHOT, "m2", 1)));
        fence.refuseAfter(1);

        // when the plan runs
        PlanResult result = run(plan, PlanProgress.none());

        // then the run stops without an outcome and records nothing after STARTED
        assertThat(steps.executed).containsExactly("01-snapshot");
        assertThat(result).isInstanceOf(PlanResult.Stopped.class);
        assertThat(((PlanResult.Stopped) result).reason()).contains("fencing token 7", "was not recorded");
        assertThat(recorder.trail()).containsExactly("01-snapshot:1:STARTED");
    }

    @Test
    void fenceLostBetweenTheAttemptAndTheSignalStopsWithoutSignalling() {
        // given the fence admits the attempt, then the lock is lost before the signal
        List<Integer> admitsAtSignal = new ArrayList<>();
        RecoveryPlan plan = Fixtures.plan("inc-1", 1, PlanMode.AUTO, List.of(Fixtures.step("02-stop", Action.STOP, "m2", 2)));
        fence.refuseAfter(1);

        // when the plan runs
        PlanResult result = gatedRunner(admitsAtSignal).run(plan, Fixtures.cluster(ROOT), fence, PlanProgress.none(),
                RunControl.none());

        // then nothing was signalled, the run stopped without an outcome, and the attempt's end was not recorded
        assertThat(admitsAtSignal).isEmpty();
        assertThat(result).isInstanceOf(PlanResult.Stopped.class);
        assertThat(((PlanResult.Stopped) result).reason()).contains("fencing token 7", "send SIGTERM");
        assertThat(recorder.trail()).containsExactly("02-stop:1:STARTED");
    }

    @Test
    void unrecordableStartStopsWithoutActing() {
        recorder.failOn(event -> event.stepId().equals("05-start") && event.status() == StepStatus.STARTED);

        PlanResult result = run(Fixtures.restartPlan("m2"), PlanProgress.none());

        assertThat(result).isInstanceOf(PlanResult.Stopped.class);
        assertThat(steps.executed).doesNotContain("05-start");
    }

    @Test
    void dryRunDescribesEveryStepAndCarriesOutNone() {
        RecoveryPlan plan = Fixtures.plan("inc-1", 1, PlanMode.DRY_RUN, Fixtures.restartSteps("m2", "m0", 2));

        PlanResult result = run(plan, PlanProgress.none());

        assertThat(steps.executed).isEmpty();
        assertThat(recorder.trail()).startsWith("01-snapshot:1:STARTED", "01-snapshot:1:DRY_RUN", "02-stop:1:STARTED")
                .hasSize(14);
        assertThat(recorder.events).filteredOn(event -> event.status() == StepStatus.DRY_RUN)
                .extracting(StepEvent::detail).contains("would carry out step 05-start (START m2)");
        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_COMPLETED);
        assertThat(outcome(result).detail()).startsWith("dry run: nothing was touched");
    }

    @Test
    void withdrawnPlanStopsBeforeItsNextActingStep() {
        RecoveryPlan plan = Fixtures.restartPlan("m2");
        RunControl withdrawn = RunControl.of(() -> false, () -> Optional.of("revision 2 of incident inc-1 cancels it"));

        PlanResult result = runner.run(plan, Fixtures.cluster(ROOT), fence, PlanProgress.none(), withdrawn);

        assertThat(steps.executed).containsExactly("01-snapshot");
        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_CANCELLED);
        assertThat(outcome(result).detail()).contains("cancelled before step 02-stop", "revision 2 of incident inc-1");
        assertThat(result.state()).isEqualTo(PlanState.CANCELLED);
    }

    @Test
    void withdrawalAfterTheActingStepsIsIgnored() {
        RecoveryPlan plan = Fixtures.restartPlan("m2");
        List<ExecutionEvent> earlier = new ArrayList<>(firstRunOf(plan, "01-snapshot", "02-stop", "03-force-kill",
                "04-clean-temp", "05-start"));
        RunControl withdrawn = RunControl.of(() -> false, () -> Optional.of("revision 2 cancels it"));

        PlanResult result = runner.run(plan, Fixtures.cluster(ROOT), fence, PlanProgress.of(earlier), withdrawn);

        assertThat(steps.executed).containsExactly("06-await-healthy", "07-await-caught-up");
        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_COMPLETED);
    }

    @Test
    void stepThatFindsTheFaultGoneCancelsThePlan() {
        steps.script("02-stop", StepOutcome.cancelPlan("fault no longer holds: m2 answers its probe"));

        PlanResult result = run(Fixtures.restartPlan("m2"), PlanProgress.none());

        assertThat(recorder.terminal()).endsWith("02-stop:SKIPPED");
        assertThat(steps.executed).containsExactly("01-snapshot", "02-stop");
        assertThat(outcome(result).outcome()).isEqualTo(Outcome.PLAN_CANCELLED);
        assertThat(outcome(result).detail()).contains("fault no longer holds: m2 answers");
    }

    /** A runner whose handler asks the step's gate and then "signals", noting how many admits the fence gave. */
    private PlanRunner gatedRunner(List<Integer> admitsAtSignal) {
        ActionHandler signalling = Fixtures.handler(context -> {
            Optional<StepOutcome> refusal = context.refusalBefore("send SIGTERM to pid 42");
            if (refusal.isPresent()) {
                return refusal.get();
            }
            admitsAtSignal.add(fence.admitted.size());
            return StepOutcome.succeeded("stopped pid 42");
        });
        return new PlanRunner(signalling, recorder, events, pacer, new RetryPolicy(Duration.ofSeconds(1),
                Duration.ofSeconds(10)));
    }

    private PlanResult run(RecoveryPlan plan, PlanProgress earlier) {
        return runner.run(plan, Fixtures.cluster(ROOT), fence, earlier, RunControl.none());
    }

    private static PlanOutcome outcome(PlanResult result) {
        assertThat(result).isInstanceOf(PlanResult.Finished.class);
        return ((PlanResult.Finished) result).outcome();
    }

    private List<ExecutionEvent> firstRunOf(RecoveryPlan plan, String... stepIds) {
        List<ExecutionEvent> trail = new ArrayList<>();
        for (String stepId : stepIds) {
            trail.add(event(plan, stepId, 1, StepStatus.STARTED));
            trail.add(event(plan, stepId, 1, StepStatus.SUCCEEDED));
        }
        return trail;
    }

    private StepEvent event(RecoveryPlan plan, String stepId, int attempt, StepStatus status) {
        return new StepEvent("e-" + stepId + attempt + status, plan.planId(), plan.incidentId(), plan.clusterId(), stepId,
                plan.step(stepId).orElseThrow().action(), "m2", attempt, status, "executor-old", 3, "earlier run",
                Fixtures.T0.minusSeconds(60));
    }

    /** Steps that succeed unless scripted otherwise; records which step ids ran. */
    static final class ScriptedHandler implements ActionHandler {

        final List<String> executed = new ArrayList<>();
        private final Map<String, Deque<StepOutcome>> scripts = new HashMap<>();

        void script(String stepId, StepOutcome... outcomes) {
            scripts.put(stepId, new ArrayDeque<>(List.of(outcomes)));
        }

        @Override
        public StepOutcome execute(StepContext context) {
            executed.add(context.step().stepId());
            Deque<StepOutcome> script = scripts.get(context.step().stepId());
            return script == null || script.isEmpty() ? StepOutcome.succeeded("done") : script.poll();
        }

        @Override
        public String describe(StepContext context) {
            return "would carry out " + context.describe();
        }
    }

    /** A fence that admits until told to refuse. */
    static final class FakeFence implements Fence {

        final List<String> admitted = new ArrayList<>();
        private final long token;
        private int refuseAfter = Integer.MAX_VALUE;

        FakeFence(long token) {
            this.token = token;
        }

        void refuseAfter(int admissions) {
            refuseAfter = admissions;
        }

        @Override
        public long token() {
            return token;
        }

        @Override
        public boolean admit(String planId, String stepId) {
            if (admitted.size() >= refuseAfter) {
                return false;
            }
            admitted.add(planId + "/" + stepId);
            return true;
        }
    }
}
