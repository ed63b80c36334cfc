package dev.revive.executor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.contracts.time.IdSource;
import dev.revive.executor.TargetCluster;
import dev.revive.runbooks.Runbooks;
import dev.revive.targets.action.ActionHandlers;
import dev.revive.targets.action.Pacer;
import dev.revive.targets.action.Polling;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.testkit.EtcdMember;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The executor's plan runner with the real action handlers on a real three-member etcd: a dry run touches
 * nothing, a member that answers is not stopped for a fault that no longer holds, and the disruption guard
 * refuses to take a second member down.
 */
class ActingSafetyIT {

    private static TargetCluster target;
    private static TargetKinds kinds;
    private final RecordingRecorder recorder = new RecordingRecorder();
    private final PlanRunner runner = new PlanRunner(
            new ActionHandlers(kinds, NodeDrivers.standard(), Runbooks.standard(), Polling.every(Duration.ofMillis(100))),
            recorder, new ExecutionEvents(Clock.systemUTC(), IdSource.random(), "executor-a"), Pacer.sleeping(),
            new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(100)));
    private final PlanRunnerTest.FakeFence fence = new PlanRunnerTest.FakeFence(5);

    @BeforeAll
    static void startTargetCluster() throws IOException {
        target = TargetCluster.start(3);
        kinds = TargetKinds.standard(new TargetSettings(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stopTargetCluster() {
        kinds.close();
        target.close();
    }

    @AfterEach
    void everyMemberRunsAgain() {
        target.restartStoppedMembers();
    }

    @Test
    void dryRunOfARestartTouchesNothingAndSaysWhatItWouldRun() throws IOException {
        // given: a running follower and junk in its temp dir
        EtcdMember victim = target.followers().get(0);
        ProcessHandle before = victim.processHandle().orElseThrow();
        Path junk = target.leaveJunkInTempDir(victim);
        ClusterSpec spec = target.spec("etcd-dry");
        RecoveryPlan plan = Fixtures.plan("inc-dry", 1, PlanMode.DRY_RUN,
                Fixtures.restartSteps(victim.name(), target.leader().name(), 1));

        // when: the node-restart plan runs as a dry run
        PlanOutcome outcome = finished(runner.run(plan, spec, fence, PlanProgress.none(), RunControl.none()));

        // then: every step says what it would do, and the process, its temp dir and the backups are as they were
        assertThat(outcome.outcome()).isEqualTo(Outcome.PLAN_COMPLETED);
        assertThat(outcome.detail()).startsWith("dry run: nothing was touched");
        assertThat(recorder.terminal()).hasSize(7).allMatch(entry -> entry.endsWith(":DRY_RUN"));
        assertThat(detail("01-snapshot")).contains("would snapshot member " + target.leader().name(),
                target.backups().toString());
        assertThat(detail("02-stop")).contains("would send SIGTERM to pid " + before.pid(), "SIGKILL after grace");
        assertThat(detail("04-clean-temp")).contains("would remove these entries: [" + junk);
        assertThat(detail("05-start")).contains("argv [", String.join(", ", victim.command()) + "]");
        assertThat(detail("06-await-healthy")).startsWith("would wait up to");
        ProcessHandle after = victim.processHandle().orElseThrow();
        assertThat(after.pid()).isEqualTo(before.pid());
        assertThat(after.info().startInstant()).isEqualTo(before.info().startInstant());
        assertThat(junk).hasContent("left over");
        assertThat(target.backups().resolve("etcd-dry")).doesNotExist();
    }

    @Test
    void memberThatAnswersIsNotStoppedForAFaultThatNoLongerHolds() {
        // given: a healthy follower and a plan to stop it that asks to confirm it does not answer
        EtcdMember member = target.followers().get(0);
        long pid = member.pid().orElseThrow();
        RecoveryPlan plan = Fixtures.plan("inc-confirm", 1, PlanMode.AUTO, List.of(stop(member, true)));

        // when
        PlanOutcome outcome = finished(runner.run(plan, target.spec("etcd-confirm"), fence,
                PlanProgress.none(), RunControl.none()));

        // then: the plan is cancelled and the member still runs as the same process
        assertThat(outcome.outcome()).isEqualTo(Outcome.PLAN_CANCELLED);
        assertThat(outcome.detail()).contains("fault no longer holds: " + member.name() + " answers");
        assertThat(recorder.terminal()).containsExactly("01-stop:SKIPPED");
        assertThat(member.pid()).hasValue(pid);
    }

    @Test
    void disruptionGuardRefusesASecondMemberDownOnTheLiveView() {
        // given: one member is down already (killed), and a plan stops another
        List<EtcdMember> followers = target.followers();
        target.etcd().kill(followers.get(0));
        EtcdMember second = followers.get(1);
        long pid = second.pid().orElseThrow();
        RecoveryPlan plan = Fixtures.plan("inc-guard", 1, PlanMode.AUTO, List.of(stop(second, false)));

        // when
        PlanOutcome outcome = finished(runner.run(plan, target.spec("etcd-guard"), fence,
                PlanProgress.none(), RunControl.none()));

        // then: the stop is refused against the live membership and the member keeps running
        assertThat(outcome.outcome()).isEqualTo(Outcome.PLAN_ABORTED);
        assertThat(outcome.detail()).contains("refusing to take " + second.name() + " down", "quorum");
        assertThat(recorder.terminal()).containsOnly("01-stop:FAILED");
        assertThat(second.pid()).hasValue(pid);
    }

    private static PlanStep stop(EtcdMember member, boolean confirmUnresponsive) {
        return new PlanStep("01-stop", Action.STOP, member.name(), new StepParams(Duration.ofSeconds(10),
                Duration.ofSeconds(5), null, null, 2, confirmUnresponsive), OnFailure.ABORT);
    }

    private String detail(String stepId) {
        return recorder.events.stream().filter(event -> event.stepId().equals(stepId))
                .filter(event -> event.status() == StepStatus.DRY_RUN).map(StepEvent::detail).findFirst().orElseThrow();
    }

    private static PlanOutcome finished(PlanResult result) {
        assertThat(result).isInstanceOf(PlanResult.Finished.class);
        return ((PlanResult.Finished) result).outcome();
    }
}
