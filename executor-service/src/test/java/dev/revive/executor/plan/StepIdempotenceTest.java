package dev.revive.executor.plan;

import dev.revive.testkit.MutableClock;
import static dev.revive.executor.plan.Fixtures.endpoint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every step looks at the real state first: repeating a step is harmless. */
class StepIdempotenceTest {

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(Fixtures.T0);
    private final Fixtures.FakePacer pacer = new Fixtures.FakePacer(clock);
    private final FakeNodeDriver driver = new FakeNodeDriver();
    private final FakeEtcdMembers etcd = new FakeEtcdMembers();
    private ClusterSpec spec;
    private RecoveryPlan plan;
    private Steps steps;

    @BeforeEach
    void healthyClusterWithM2Down() {
        spec = Fixtures.cluster(root);
        plan = Fixtures.restartPlan("m2");
        steps = new EtcdProcessSteps(driver, etcd, clock, pacer, Duration.ofMillis(200));
        driver.runs("m0");
        driver.runs("m1");
        etcd.answers(endpoint(0), 1, 1, 100);
        etcd.answers(endpoint(1), 2, 1, 100);
    }

    @Test
    void startOfRunningNodeIsSkipped() throws InterruptedException {
        driver.runs("m2");

        StepOutcome outcome = run("05-start");

        assertThat(outcome.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(outcome.detail()).contains("already runs as pid");
        assertThat(driver.calls).isEmpty();
    }

    @Test
    void startOfStoppedNodeStartsIt() throws InterruptedException {
        StepOutcome outcome = run("05-start");

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(driver.calls).containsExactly("start m2");
    }

    @Test
    void stopOfStoppedNodeIsSkipped() throws InterruptedException {
        assertThat(run("02-stop").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(run("03-force-kill").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(driver.calls).isEmpty();
    }

    @Test
    void stopEscalatesToKillWhenTermIsIgnored() throws InterruptedException {
        driver.runs("m2");
        driver.ignoreTerm.add("m2");

        StepOutcome outcome = run("02-stop");

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.detail()).contains("ignored SIGTERM", "SIGKILL");
        assertThat(driver.calls).containsExactly("stop m2 PT5S", "kill m2");
    }

    @Test
    void stopRefusesToBreakQuorum() throws InterruptedException {
        driver.runs("m2");
        etcd.silent(endpoint(1));

        StepOutcome outcome = run("02-stop");

        assertThat(outcome.status()).isEqualTo(StepStatus.FAILED);
        assertThat(outcome.detail()).contains("only 1 other voting members are healthy", "quorum");
        assertThat(driver.calls).isEmpty();
    }

    @Test
    void cleanTempRefusesARunningNodeAndSkipsWhenNothingIsThere() throws InterruptedException {
        driver.runs("m2");
        assertThat(run("04-clean-temp").status()).isEqualTo(StepStatus.FAILED);
        driver.running.remove("m2");
        assertThat(run("04-clean-temp").status()).isEqualTo(StepStatus.SKIPPED);
        driver.tempEntries.put("m2", 3);
        assertThat(run("04-clean-temp").detail()).startsWith("removed 3 entries");
    }

    @Test
    void snapshotAlreadyPresentIsSkipped() throws InterruptedException, IOException {
        Path file = MemberSteps.snapshotFile(context("01-snapshot"), spec.node("m2").orElseThrow());
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {9});

        StepOutcome outcome = run("01-snapshot");

        assertThat(outcome.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(etcd.snapshots).isEmpty();
    }

    @Test
    void snapshotComesFromTheSourceMember() throws InterruptedException {
        StepOutcome outcome = run("01-snapshot");

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(etcd.snapshots).containsExactly(endpoint(0));
        assertThat(root.resolve("backups/etcd-a/inc-1-r1-m2.db")).exists();
    }

    @Test
    void snapshotFallsBackToAHealthyMemberWhenTheSourceDoesNotAnswer() throws InterruptedException {
        etcd.silent(endpoint(0));

        StepOutcome outcome = run("01-snapshot");

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.detail()).contains("source member m0 is not healthy", "healthy member m1");
        assertThat(etcd.snapshots).containsExactly(endpoint(1));
    }

    @Test
    void snapshotComesFromAnAnsweringMemberWhenQuorumIsLost() throws InterruptedException {
        etcd.silent(endpoint(0));
        etcd.answers(endpoint(1), 2, 0, 100);

        StepOutcome outcome = run("01-snapshot");

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.detail()).contains("without a leader (quorum lost) m1");
        assertThat(etcd.snapshots).containsExactly(endpoint(1));
    }

    @Test
    void snapshotFailsWhenNoOtherMemberAnswers() throws InterruptedException {
        etcd.silent(endpoint(0));
        etcd.silent(endpoint(1));

        StepOutcome outcome = run("01-snapshot");

        assertThat(outcome.status()).isEqualTo(StepStatus.FAILED);
        assertThat(etcd.snapshots).isEmpty();
    }

    @Test
    void awaitHealthyTimesOut() throws InterruptedException {
        driver.runs("m2");

        StepOutcome outcome = run("06-await-healthy");

        assertThat(outcome.status()).isEqualTo(StepStatus.TIMED_OUT);
        assertThat(clock.instant()).isEqualTo(Fixtures.T0.plusSeconds(30));
    }

    @Test
    void awaitHealthyFailsWhenTheProcessDied() throws InterruptedException {
        StepOutcome outcome = run("06-await-healthy");

        assertThat(outcome.status()).isEqualTo(StepStatus.FAILED);
        assertThat(outcome.detail()).contains("not running");
    }

    @Test
    void awaitCaughtUpNeedsTheIndexAndTheSameLeader() throws InterruptedException {
        etcd.answers(endpoint(2), 3, 0, 50);
        int[] polls = {0};
        pacer.onPause(() -> {
            polls[0]++;
            if (polls[0] == 2) {
                etcd.answers(endpoint(2), 3, 1, 60);
            } else if (polls[0] == 4) {
                etcd.answers(endpoint(2), 3, 1, 95);
            }
        });

        StepOutcome outcome = run("07-await-caught-up");

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(polls[0]).isEqualTo(4);
        assertThat(outcome.detail()).contains("raft index 95 vs 100 of the leader");
    }

    @Test
    void unsupportedActionAndUnknownNodeFailPermanently() throws InterruptedException {
        StepOutcome unsupported = steps.execute(new StepContext(plan, Fixtures.step("x", Action.PROMOTE, "m2", 3), spec));
        StepOutcome unknown = steps.execute(new StepContext(plan, Fixtures.step("y", Action.START, "m9", 3), spec));

        assertThat(unsupported.retriable()).isFalse();
        assertThat(unsupported.detail()).contains("PROMOTE is not supported");
        assertThat(unknown.retriable()).isFalse();
        assertThat(unknown.detail()).contains("m9 is not in the registered spec");
        assertThat(driver.calls).isEmpty();
    }

    private StepOutcome run(String stepId) throws InterruptedException {
        return steps.execute(context(stepId));
    }

    private StepContext context(String stepId) {
        PlanStep step = plan.step(stepId).orElseThrow();
        return new StepContext(plan, step, spec);
    }
}
