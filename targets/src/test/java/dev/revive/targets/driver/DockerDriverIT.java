package dev.revive.targets.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.runbooks.Runbooks;
import dev.revive.targets.TargetException;
import dev.revive.targets.action.ActionHandlers;
import dev.revive.targets.action.Polling;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The docker driver against real containers through the Docker Engine API (podman's here: run
 * {@code eval "$(scripts/ensure-docker-api)"} first), each test with its own containers from the local base image.
 */
class DockerDriverIT {

    /** PID 1 that exits 0 on SIGTERM: a fixed argv, nothing from input. */
    private static final String[] HONOURS_TERM = {"/bin/bash", "-c",
        "trap 'exit 0' TERM; echo ready; while true; do sleep 0.1; done"};
    /** PID 1 without a SIGTERM handler: the kernel ignores SIGTERM for it. */
    private static final String[] IGNORES_TERM = {"/bin/sleep", "infinity"};
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final long SIGKILLED = 137;

    private final TestContainers containers = new TestContainers();
    private final DockerDriver driver = new DockerDriver();

    @AfterEach
    void removeContainers() {
        driver.close();
        containers.close();
    }

    @Test
    void stopEndsAContainerThatHonoursSigtermByItself() {
        String name = containers.run(HONOURS_TERM);
        NodeSpec node = node(name, Duration.ofSeconds(20));
        await().atMost(BOUND).until(() -> driver.logTail(node, 5).contains("ready"));

        boolean stopped = driver.stop(node, Duration.ofSeconds(20));

        assertThat(stopped).isTrue();
        assertThat(driver.inspect(node).running()).isFalse();
        assertThat(containers.state(name).getExitCodeLong()).as("exited by its own trap, not killed").isZero();
    }

    @Test
    void stopOfAContainerIgnoringSigtermEndsWithTheEngineKillingItAfterTheGrace() {
        String name = containers.run(IGNORES_TERM);
        NodeSpec node = node(name, Duration.ofSeconds(1));
        assertThat(driver.inspect(node).running()).isTrue();

        boolean stopped = driver.stop(node, Duration.ofSeconds(1));

        assertThat(stopped).isTrue();
        assertThat(driver.inspect(node).running()).isFalse();
        assertThat(containers.state(name).getExitCodeLong()).isEqualTo(SIGKILLED);
    }

    @Test
    void forceKillEndsARunningContainerWithSigkillAndIsHarmlessOnAStoppedOne() {
        String name = containers.run(IGNORES_TERM);
        NodeSpec node = node(name, Duration.ofSeconds(10));

        boolean killed = driver.forceKill(node);

        assertThat(killed).isTrue();
        assertThat(driver.inspect(node)).isEqualTo(NodeProcess.notRunning(node.id()));
        assertThat(containers.state(name).getExitCodeLong()).isEqualTo(SIGKILLED);
        assertThat(driver.forceKill(node)).as("killing a container that is not running").isTrue();
        assertThat(driver.stop(node, Duration.ofSeconds(1))).as("stopping a container that is not running").isTrue();
    }

    @Test
    void startRunsAStoppedContainerAgainAndReportsItsHostPid() {
        String name = containers.run(IGNORES_TERM);
        NodeSpec node = node(name, Duration.ofSeconds(10));
        assertThat(driver.forceKill(node)).isTrue();

        long pid = driver.start(node);

        NodeProcess process = driver.inspect(node);
        assertThat(process.running()).isTrue();
        assertThat(process.pid()).isEqualTo(pid).isPositive();
        assertThat(process.foundBy()).isEqualTo(NodeProcess.FoundBy.ENGINE);
        assertThatThrownBy(() -> driver.start(node)).isInstanceOf(TargetException.class)
                .hasMessageContaining("already runs");
    }

    @Test
    void aStartStepOnARunningContainerIsSkippedWithoutStartingAnything() throws InterruptedException {
        String name = containers.run(IGNORES_TERM);
        NodeSpec node = node(name, Duration.ofSeconds(10));
        long pid = driver.inspect(node).pid();
        ClusterSpec spec = new ClusterSpec("docker-1", SystemKind.ETCD, List.of(node), Policy.defaults(),
                new BackupLocation("/tmp/revive-test-backups"));
        TargetKinds kinds = TargetKinds.standard(new TargetSettings(Duration.ofSeconds(2)));
        ActionHandlers handlers = new ActionHandlers(kinds, new NodeDrivers(List.of(driver)), Runbooks.standard(),
                Polling.every(Duration.ofMillis(200)));

        StepOutcome outcome;
        try {
            outcome = handlers.execute(startStep(spec, node));
        } finally {
            kinds.close();
        }

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SKIPPED);
        assertThat(outcome.detail()).contains("already runs as pid " + pid);
        assertThat(driver.inspect(node).pid()).isEqualTo(pid);
    }

    @Test
    void startOfAContainerThatExitsAtOnceFailsNamingItsExitCodeAndLog() {
        String name = containers.create("/bin/bash", "-c", "echo cannot-serve >&2; exit 3");
        NodeSpec node = node(name, Duration.ofSeconds(10));

        assertThatThrownBy(() -> driver.start(node)).isInstanceOfSatisfying(TargetException.class, e -> {
            assertThat(e.kind()).isEqualTo(TargetException.Kind.LOCAL);
            assertThat(e.getMessage()).contains(name, "exited with code 3", "cannot-serve");
        });
        assertThat(driver.inspect(node).running()).isFalse();
    }

    @Test
    void startOfBinFalseFailsNamingExitCodeOne() {
        String name = containers.create("/bin/false");
        NodeSpec node = node(name, Duration.ofSeconds(10));

        assertThatThrownBy(() -> driver.start(node)).isInstanceOf(TargetException.class)
                .hasMessageContaining("container " + name + " exited with code 1 right after start");
    }

    @Test
    void logTailAnswersTheLastLinesOfStdoutAndStderr() {
        String name = containers.run("/bin/bash", "-c",
                "for i in 1 2 3 4 5; do echo out-$i; done; echo err-6 >&2; exec sleep infinity");
        NodeSpec node = node(name, Duration.ofSeconds(10));

        await().atMost(BOUND).until(() -> driver.logTail(node, 10).contains("err-6"));

        assertThat(driver.logTail(node, 3)).containsExactly("out-4", "out-5", "err-6");
        assertThat(driver.logTail(node, 100)).containsExactly("out-1", "out-2", "out-3", "out-4", "out-5", "err-6");
    }

    @Test
    void aMissingContainerIsAFailedCallNamingIt() {
        NodeSpec node = node("revive-test-driver-missing", Duration.ofSeconds(10));

        assertThatThrownBy(() -> driver.inspect(node)).isInstanceOfSatisfying(TargetException.class, e -> {
            assertThat(e.kind()).isEqualTo(TargetException.Kind.FAILED);
            assertThat(e.getMessage()).contains("revive-test-driver-missing", "no such container");
        });
    }

    private NodeSpec node(String container, Duration stopTimeout) {
        return new NodeSpec("n-" + container.substring(container.length() - 8), NodeRole.MEMBER,
                new Endpoints("http://127.0.0.1:1", null), containers.control(container, stopTimeout),
                "/tmp/revive-test-unused-data", List.of(), List.of());
    }

    private static StepContext startStep(ClusterSpec spec, NodeSpec node) {
        Instant now = Instant.now();
        PlanStep step = new PlanStep("01-start", Action.START, node.id(),
                new StepParams(Duration.ofSeconds(30), Duration.ofSeconds(5), null, 10L, 1), OnFailure.ABORT);
        RecoveryPlan plan = new RecoveryPlan("inc-1-r1", "inc-1", spec.id(), 1, PlanScope.NODE, PlanMode.AUTO, null,
                List.of("fault-1"), List.of(step), now, now);
        return new StepContext(plan, step, spec);
    }
}
