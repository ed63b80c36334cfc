package dev.revive.targets.action;

import static dev.revive.targets.action.ActionFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step's gate is asked right before every driver verb that acts, and a refusal means the verb is not sent. */
class ActGateTest {

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(ActionFixtures.T0);
    private final FakeNodeDriver driver = new FakeNodeDriver();
    private final FakeKind kind = new FakeKind(SystemKind.ETCD);
    private ActionHandlers handlers;
    private ClusterSpec spec;

    @BeforeEach
    void clusterWithM2Running() {
        spec = ActionFixtures.cluster(root, SystemKind.ETCD);
        handlers = new ActionHandlers(new TargetKinds(List.of(kind)), new NodeDrivers(List.of(driver)),
                Runbooks.standard(), new Polling(clock, new ActionFixtures.FakePacer(clock), Duration.ofMillis(200)));
        driver.runs("m0");
        driver.runs("m1");
        driver.runs("m2");
        kind.answers("m0", MemberRole.LEADER, 100);
        kind.answers("m1", MemberRole.FOLLOWER, 100);
    }

    @Test
    void gateRefusedAfterTheRealStateCheckMeansNoSignal() throws InterruptedException {
        // given m2 is running and does not answer, and the gate refuses once the checks are done
        ScriptedGate gate = new ScriptedGate(false);
        StepParams confirming = new StepParams(Duration.ofSeconds(30), Duration.ofSeconds(5), null, null, 1, true);

        // when STOP and FORCE_KILL are carried out
        StepOutcome stop = handlers.execute(gated(context(spec, Action.STOP, "m2", confirming), gate));
        StepOutcome kill = handlers.execute(gated(context(spec, Action.FORCE_KILL, "m2", confirming), gate));

        // then both checked the real state (probe) first, asked the gate, and signalled nothing
        assertThat(kind.probed).containsExactly("m2", "m2");
        assertThat(driver.calls).containsExactly("gate", "gate");
        assertThat(driver.running).containsKey("m2");
        assertThat(stop.notAdmitted()).isTrue();
        assertThat(stop.status()).isEqualTo(StepStatus.FAILED);
        assertThat(stop.retriable()).isFalse();
        assertThat(stop.detail()).contains("not admitted right before it would send SIGTERM to pid");
        assertThat(kill.notAdmitted()).isTrue();
        assertThat(kill.detail()).contains("send SIGKILL");
    }

    @Test
    void gateIsAskedRightBeforeEachSignalOfAStop() throws InterruptedException {
        // given m2 ignores SIGTERM, and the gate admits the SIGTERM but refuses what follows
        driver.ignoreTerm.add("m2");
        ScriptedGate gate = new ScriptedGate(true, false);

        // when STOP is carried out
        StepOutcome outcome = handlers.execute(gated(context(spec, Action.STOP, "m2"), gate));

        // then the gate came right before SIGTERM, and the refused SIGKILL was not sent
        assertThat(driver.calls).containsExactly("gate", "stop m2 PT5S", "gate");
        assertThat(outcome.notAdmitted()).isTrue();
        assertThat(outcome.detail()).contains("SIGKILL", "ignored SIGTERM");
    }

    @Test
    void gateRefusedBeforeStartOrCleanMeansNothingIsDone() throws InterruptedException {
        // given m2 is down with temp entries, and the gate refuses
        driver.running.remove("m2");
        driver.tempEntries.put("m2", 3);
        ScriptedGate gate = new ScriptedGate(false);

        // when CLEAN_TEMP and START are carried out
        StepOutcome clean = handlers.execute(gated(context(spec, Action.CLEAN_TEMP, "m2"), gate));
        StepOutcome start = handlers.execute(gated(context(spec, Action.START, "m2"), gate));

        // then neither acted
        assertThat(driver.calls).containsExactly("gate", "gate");
        assertThat(clean.notAdmitted()).isTrue();
        assertThat(start.notAdmitted()).isTrue();
        assertThat(driver.running).doesNotContainKey("m2");
    }

    @Test
    void openGateActsAsBefore() throws InterruptedException {
        // given the gate admits everything
        ScriptedGate gate = new ScriptedGate(true);

        // when m2 is force-killed and started again
        StepOutcome kill = handlers.execute(gated(context(spec, Action.FORCE_KILL, "m2"), gate));
        StepOutcome start = handlers.execute(gated(context(spec, Action.START, "m2"), gate));

        // then each verb followed its own gate check
        assertThat(driver.calls).containsExactly("gate", "kill m2", "gate", "start m2");
        assertThat(kill.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(start.status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    private static StepContext gated(StepContext context, ActGate gate) {
        return new StepContext(context.plan(), context.step(), context.spec(), gate);
    }

    /** A gate that answers from a script (the last answer repeats) and notes each question in the driver's calls. */
    private final class ScriptedGate implements ActGate {

        private final Deque<Boolean> answers = new ArrayDeque<>();
        private boolean last;

        ScriptedGate(Boolean... answers) {
            this.answers.addAll(List.of(answers));
        }

        @Override
        public boolean admits() {
            driver.calls.add("gate");
            last = answers.isEmpty() ? last : answers.poll();
            return last;
        }
    }
}
