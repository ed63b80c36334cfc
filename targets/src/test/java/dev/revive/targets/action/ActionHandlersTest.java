package dev.revive.targets.action;

import static dev.revive.targets.action.ActionFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.DockerControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.StepParams;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every handler looks at the real state first (repeating a step is harmless), and the registry's dispatch. */
class ActionHandlersTest {

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(ActionFixtures.T0);
    private final ActionFixtures.FakePacer pacer = new ActionFixtures.FakePacer(clock);
    private final FakeNodeDriver driver = new FakeNodeDriver();
    private final FakeKind kind = new FakeKind(SystemKind.ETCD);
    private ActionHandlers handlers;
    private ClusterSpec spec;

    @BeforeEach
    void healthyClusterWithM2Down() {
        spec = ActionFixtures.cluster(root, SystemKind.ETCD);
        handlers = new ActionHandlers(new TargetKinds(List.of(kind)), new NodeDrivers(List.of(driver)),
                Runbooks.standard(), new Polling(clock, pacer, Duration.ofMillis(200)));
        driver.runs("m0");
        driver.runs("m1");
        kind.answers("m0", MemberRole.LEADER, 100);
        kind.answers("m1", MemberRole.FOLLOWER, 100);
    }

    @Test
    void startOfRunningNodeIsSkipped() throws InterruptedException {
        driver.runs("m2");

        StepOutcome outcome = run(Action.START, "m2");

        assertThat(outcome.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(outcome.detail()).contains("already runs as pid");
        assertThat(driver.calls).isEmpty();
    }

    @Test
    void startOfStoppedNodeStartsIt() throws InterruptedException {
        assertThat(run(Action.START, "m2").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(driver.calls).containsExactly("start m2");
    }

    @Test
    void stopOfStoppedNodeIsSkipped() throws InterruptedException {
        assertThat(run(Action.STOP, "m2").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(run(Action.FORCE_KILL, "m2").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(driver.calls).isEmpty();
    }

    @Test
    void stopEscalatesToKillWhenTermIsIgnored() throws InterruptedException {
        driver.runs("m2");
        kind.answers("m2", MemberRole.FOLLOWER, 100);
        driver.ignoreTerm.add("m2");

        StepOutcome outcome = run(Action.STOP, "m2");

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.detail()).contains("ignored SIGTERM", "SIGKILL");
        assertThat(driver.calls).containsExactly("stop m2 PT5S", "kill m2");
    }

    @Test
    void disruptionGuardRefusesASecondMemberDownOnTheLiveView() throws InterruptedException {
        driver.runs("m2");
        kind.silent("m1");

        StepOutcome stop = run(Action.STOP, "m2");
        StepOutcome kill = run(Action.FORCE_KILL, "m2");

        assertThat(stop.status()).isEqualTo(StepStatus.FAILED);
        assertThat(stop.detail()).contains("only 1 other voting members are healthy", "quorum");
        assertThat(kill.status()).isEqualTo(StepStatus.FAILED);
        assertThat(driver.calls).isEmpty();
    }

    @Test
    void confirmUnresponsiveCancelsThePlanWhenTheNodeAnswers() throws InterruptedException {
        driver.runs("m2");
        kind.answers("m2", MemberRole.FOLLOWER, 100);

        StepOutcome outcome = handlers.execute(context(spec, Action.STOP, "m2", confirming()));

        assertThat(outcome.cancelsPlan()).isTrue();
        assertThat(outcome.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(outcome.detail()).contains("fault no longer holds: m2 answers");
        assertThat(kind.probed).containsExactly("m2");
        assertThat(driver.calls).isEmpty();
    }

    @Test
    void confirmUnresponsiveKillsANodeThatStillDoesNotAnswer() throws InterruptedException {
        driver.runs("m2");

        StepOutcome outcome = handlers.execute(context(spec, Action.FORCE_KILL, "m2", confirming()));

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.cancelsPlan()).isFalse();
        assertThat(driver.calls).containsExactly("kill m2");
    }

    @Test
    void cleanTempRefusesARunningNodeAndSkipsWhenNothingIsThere() throws InterruptedException {
        driver.runs("m2");
        assertThat(run(Action.CLEAN_TEMP, "m2").status()).isEqualTo(StepStatus.FAILED);
        driver.running.remove("m2");
        assertThat(run(Action.CLEAN_TEMP, "m2").status()).isEqualTo(StepStatus.SKIPPED);
        driver.tempEntries.put("m2", 3);
        assertThat(run(Action.CLEAN_TEMP, "m2").detail()).startsWith("removed 3 entries");
    }

    @Test
    void awaitHealthyWaitsForTheProbeAndTimesOut() throws InterruptedException {
        driver.runs("m2");

        StepOutcome outcome = run(Action.AWAIT_HEALTHY, "m2");

        assertThat(outcome.status()).isEqualTo(StepStatus.TIMED_OUT);
        assertThat(clock.instant()).isEqualTo(ActionFixtures.T0.plusSeconds(30));
    }

    @Test
    void awaitHealthySucceedsOnceTheProbeAnswers() throws InterruptedException {
        driver.runs("m2");
        pacer.onPause(() -> kind.answersWithoutLeader("m2", 0));

        StepOutcome outcome = run(Action.AWAIT_HEALTHY, "m2");

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(pacer.pauses).hasSize(1);
    }

    @Test
    void awaitHealthyFailsWhenTheProcessDied() throws InterruptedException {
        StepOutcome outcome = run(Action.AWAIT_HEALTHY, "m2");

        assertThat(outcome.status()).isEqualTo(StepStatus.FAILED);
        assertThat(outcome.detail()).contains("not running");
    }

    @Test
    void awaitCaughtUpNeedsHealthAndThePositionOfTheLeader() throws InterruptedException {
        kind.answersWithoutLeader("m2", 50);
        int[] polls = {0};
        pacer.onPause(() -> {
            polls[0]++;
            if (polls[0] == 2) {
                kind.answers("m2", MemberRole.FOLLOWER, 60);
            } else if (polls[0] == 4) {
                kind.answers("m2", MemberRole.FOLLOWER, 95);
            }
        });

        StepOutcome outcome = run(Action.AWAIT_CAUGHT_UP, "m2");

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(polls[0]).isEqualTo(4);
        assertThat(outcome.detail()).contains("position 95 vs 100 of the leader m0", "max lag 10");
    }

    @Test
    void awaitCaughtUpWaitsWhileTwoMembersClaimToLead() throws InterruptedException {
        kind.answers("m1", MemberRole.LEADER, 100);
        kind.answers("m2", MemberRole.FOLLOWER, 100);

        StepOutcome outcome = run(Action.AWAIT_CAUGHT_UP, "m2");

        assertThat(outcome.status()).isEqualTo(StepStatus.TIMED_OUT);
        assertThat(outcome.detail()).contains("2 members claim to lead");
    }

    @Test
    void theKindsOwnHandlerTakesPrecedence() throws InterruptedException {
        List<String> used = new ArrayList<>();
        kind.actions.put(Action.START, new ActionHandler() {
            @Override
            public StepOutcome execute(StepContext context) {
                used.add(context.step().nodeId());
                return StepOutcome.succeeded("kind-specific start");
            }

            @Override
            public String describe(StepContext context) {
                return "would start it the kind's way";
            }
        });

        assertThat(run(Action.START, "m2").detail()).isEqualTo("kind-specific start");
        assertThat(used).containsExactly("m2");
        assertThat(driver.calls).isEmpty();
    }

    @Test
    void whatNoHandlerCanDoFailsPermanentlyWithATypedReason() throws InterruptedException {
        ClusterSpec unknownKind = ActionFixtures.cluster(root, SystemKind.REDIS);
        ClusterSpec docker = new ClusterSpec("c-2", SystemKind.ETCD, List.of(ActionFixtures.node(root, "d0", 0,
                new DockerControl("d0"))), spec.policy(), spec.backup());

        List<StepOutcome> outcomes = List.of(
                handlers.execute(context(spec, Action.PROMOTE, "m2")),
                handlers.execute(context(spec, Action.START, "m9")),
                handlers.execute(context(unknownKind, Action.START, "m2")),
                handlers.execute(context(docker, Action.START, "d0")));

        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(StepStatus.FAILED);
            assertThat(outcome.retriable()).isFalse();
        });
        assertThat(outcomes).extracting(StepOutcome::detail).satisfiesExactly(
                detail -> assertThat(detail).contains("no action for PROMOTE of kind ETCD"),
                detail -> assertThat(detail).contains("m9 is not in the registered spec"),
                detail -> assertThat(detail).contains("no action for kind REDIS"),
                detail -> assertThat(detail).contains("no driver for node d0"));
        assertThat(driver.calls).isEmpty();
    }

    @Test
    void describeSaysWhatEachStepWouldDoAndTouchesNothing() {
        driver.runs("m2");
        kind.answers("m2", MemberRole.FOLLOWER, 100);
        driver.tempEntries.put("m2", 2);

        String stop = handlers.describe(context(spec, Action.STOP, "m2", confirming()));
        String kill = handlers.describe(context(spec, Action.FORCE_KILL, "m2"));
        String clean = handlers.describe(context(spec, Action.CLEAN_TEMP, "m2"));
        driver.running.remove("m2");
        String start = handlers.describe(context(spec, Action.START, "m2"));
        String await = handlers.describe(context(spec, Action.AWAIT_CAUGHT_UP, "m2"));
        String unsupported = handlers.describe(context(spec, Action.PROMOTE, "m2"));

        assertThat(stop).contains("would send SIGTERM to pid " + 1002, "SIGKILL after grace PT5S",
                "cancel the plan if it answers (now: it answers");
        assertThat(kill).contains("would send SIGKILL to pid 1002", "the disruption guard allows it now");
        assertThat(clean).contains("would remove these entries: [" + root.resolve("m2.tmp/entry-0"),
                "it would refuse while m2 runs");
        assertThat(start).isEqualTo("would start argv [/usr/bin/server, --name, m2] in dir " + root);
        assertThat(await).startsWith("would wait up to PT30S for m2");
        assertThat(unsupported).startsWith("would fail without acting: no action for PROMOTE");
        assertThat(driver.calls).isEmpty();
        assertThat(driver.tempEntries).containsEntry("m2", 2);
    }

    private StepOutcome run(Action action, String nodeId) throws InterruptedException {
        return handlers.execute(context(spec, action, nodeId));
    }

    private static StepParams confirming() {
        return new StepParams(Duration.ofSeconds(10), Duration.ofSeconds(5), null, null, 1, true);
    }
}
