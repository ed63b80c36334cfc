package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.testkit.containers.EtcdContainerCluster;
import dev.revive.testkit.containers.EtcdContainerCluster.ContainerState;
import dev.revive.testkit.containers.EtcdContainerMember;
import dev.revive.testkit.containers.EtcdContainerSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: Revive recovers a target whose etcd members are containers (testkit's {@link EtcdContainerCluster},
 * started through Testcontainers from the local base image), controlled by the docker driver: the spec's nodes name
 * their containers and the Docker Engine API, so the services (processes) need no {@code DOCKER_HOST}. A member's
 * container SIGKILLed through the API is started again by the executor, once, and reported CONSISTENT; the other
 * containers are not touched. Each scenario prints {@code [mttr]}: from the kill to the report.
 */
class ContainerMemberIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path runDir;
    private static EtcdContainerCluster cluster;
    private static ReviveStack stack;
    private static Recoveries recoveries;

    @BeforeAll
    static void startReviveWatchingContainerMembers() throws Exception {
        long begin = System.nanoTime();
        cluster = EtcdContainerCluster.start(3);
        System.out.printf("[containers] 3 member containers healthy in %d ms: %s%n",
                Duration.ofNanos(System.nanoTime() - begin).toMillis(), cluster.members());
        ClusterSpec spec = TargetSpecs.withDemoPolicy(
                EtcdContainerSpecs.describe(ReviveStack.CLUSTER_ID, cluster, runDir.resolve("target")));
        stack = ReviveStack.startWatching(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[containers] " + line), spec);
        recoveries = new Recoveries(stack.events());
    }

    @AfterAll
    static void stopRevive() {
        Resources.closeAll(stack, cluster);
    }

    @BeforeEach
    void everyMemberHealthyAndNothingUnderWay() {
        await("every member container healthy, every plan reported").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.members().stream().allMatch(cluster::isHealthy) && recoveries.nothingUnderWay());
    }

    @Test
    void killedFollowerContainerIsStartedOnceByTheDockerDriverAndReportedConsistent() {
        EtcdContainerMember leader = cluster.leader();
        EtcdContainerMember follower = cluster.members().stream().filter(member -> member != leader).findFirst()
                .orElseThrow();

        killAndExpectOneRecoveryByTheDockerDriver("follower", follower);
    }

    @Test
    void killedLeaderContainerIsStartedOnceByTheDockerDriverAndReportedConsistent() {
        killAndExpectOneRecoveryByTheDockerDriver("leader", cluster.leader());
    }

    private static void killAndExpectOneRecoveryByTheDockerDriver(String role, EtcdContainerMember victim) {
        // given
        Map<String, ContainerState> before = states();
        long startsBefore = MemberStarts.count(victim.etcd().logFile());
        Instant since = Instant.now();

        // when
        cluster.kill(victim);

        // then
        RecoveryReport report = await("report for " + victim.name()).atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportFor(victim.name(), since), Optional::isPresent).orElseThrow();
        System.out.printf("[mttr] %s container %s killed: kill to report %d ms (report's detection to verification "
                + "%d ms)%n", role, victim.container(), Duration.between(since,
                stack.events().seenAt(report).orElseThrow()).toMillis(), report.mttr().toMillis());
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        List<RecoveryPlan> plans = recoveries.plansFor(victim.name(), since);
        assertThat(plans).singleElement().satisfies(plan -> assertThat(plan.mode()).isEqualTo(PlanMode.AUTO));
        assertThat(recoveries.reportsOf(plans)).hasSize(1);

        ContainerState after = cluster.state(victim).orElseThrow();
        assertThat(after.running()).as(victim.container() + " runs again").isTrue();
        assertThat(after.startedAt()).as("started by the engine after the kill").isAfter(before.get(victim.name())
                .startedAt());
        assertThat(MemberStarts.count(victim.etcd().logFile())).as("etcd started exactly once more")
                .isEqualTo(startsBefore + 1);
        List<StepEvent> starts = recoveries.stepsOf(plans.get(0)).stream()
                .filter(step -> step.action() == Action.START && step.status() == StepStatus.SUCCEEDED).toList();
        assertThat(starts).as("one START of " + victim.name()).singleElement().satisfies(step -> {
            assertThat(step.nodeId()).isEqualTo(victim.name());
            assertThat(step.detail()).as("the pid is the container's main process: the docker driver started it")
                    .endsWith(" pid " + after.pid());
        });

        Map<String, ContainerState> othersNow = states();
        othersNow.remove(victim.name());
        Map<String, ContainerState> othersBefore = new HashMap<>(before);
        othersBefore.remove(victim.name());
        assertThat(othersNow).as("the other containers were not touched").isEqualTo(othersBefore);
        assertThat(stack.events().deadLetters()).as("dead letters").isEmpty();
    }

    /** The state of every member's container, by member name. */
    private static Map<String, ContainerState> states() {
        return cluster.members().stream().collect(Collectors.toMap(EtcdContainerMember::name,
                member -> cluster.state(member).orElseThrow(), (a, b) -> a, HashMap::new));
    }
}
