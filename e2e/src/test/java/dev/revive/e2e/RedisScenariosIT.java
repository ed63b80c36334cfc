package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.testkit.RedisCluster;
import dev.revive.testkit.RedisWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a Redis primary and two replicas behind HAProxy ({@link RedisTarget}), watched by the whole stack. A
 * writer writes through HAProxy throughout every scenario; afterwards its acknowledged writes are read back from the
 * primary and what is missing is held against the loss bound the plan stated. A {@link PrimaryWatch} asks every node
 * its role all along: no primary that was replaced ever says {@code master} again. Each scenario starts from a healthy
 * cluster (one primary, both replicas linked, HAProxy routing to the primary, nothing under way) whichever node is
 * the primary by then, and prints {@code [redis]} lines: fault to report, and the loss.
 */
class RedisScenariosIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);
    /** Shorter than the demo policy's confirm window (6 s): a hang that short is left alone. */
    private static final Duration SHORT_PAUSE = Duration.ofSeconds(2);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path runDir;
    private static RedisTarget redis;
    private static ReviveStack stack;
    private static Recoveries recoveries;

    @BeforeAll
    static void startReviveWatchingRedisBehindHAProxy() throws Exception {
        redis = RedisTarget.start(ReviveStack.REDIS_ID, runDir.resolve("target"));
        stack = ReviveStack.startWatching(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[redis] " + line), redis.spec());
        recoveries = new Recoveries(stack.events());
    }

    @AfterAll
    static void stopRevive() {
        Resources.closeAll(stack, redis);
    }

    @BeforeEach
    void onePrimaryLinkedReplicasRoutedAndNothingUnderWay() {
        await("one primary, every replica linked, HAProxy routing to it, every plan reported").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    Optional<String> primary = cluster().findPrimary().map(node -> node.name());
                    return primary.isPresent() && replicasLinked() && redis.routesOnlyTo(primary.get())
                            && recoveries.nothingUnderWay();
                });
    }

    @Test
    void killedReplicaIsRestartedAsAReplicaWithoutAPromotion() throws Exception {
        String primary = cluster().primary().name();
        String victim = aReplica();

        Recovery recovery = recover("replica killed", victim, () -> cluster().kill9(victim));

        assertThat(recovery.report().verdict()).as(recovery.report().checks().toString()).isEqualTo(Verdict.CONSISTENT);
        assertThat(recovery.step(Action.PROMOTE)).as("a replica's restart promotes nobody")
                .satisfies(step -> assertThat(step.status()).isEqualTo(StepStatus.SKIPPED));
        assertThat(recovery.primaries()).as("the primary never changed").containsExactly(primary);
        assertThat(cluster().roleOf(victim)).hasValue("slave");
        assertThat(redis.routedTo()).hasValue(primary);
        assertThat(recovery.missing()).as("no acknowledged write lost").isEmpty();
    }

    @Test
    void killedPrimaryIsReplacedByTheBestReplicaAndComesBackAsItsReplica() throws Exception {
        String victim = cluster().primary().name();

        Recovery recovery = recover("primary killed", victim, () -> cluster().kill9(victim));

        assertThat(recovery.report().verdict()).as(recovery.report().checks().toString()).isEqualTo(Verdict.CONSISTENT);
        assertThat(recovery.step(Action.PROMOTE).status()).isEqualTo(StepStatus.SUCCEEDED);
        assertFailedOverFrom(victim, recovery);
    }

    @Test
    void primaryPausedShorterThanTheConfirmWindowIsLeftAlone() throws Exception {
        String primary = cluster().primary().name();
        long pid = cluster().pid(primary);
        Instant since = Instant.now();

        try (PrimaryWatch watch = PrimaryWatch.start(cluster())) {
            Pauses.pauseFor(pid, SHORT_PAUSE);
            await("the hang was seen and then its end").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                    .until(() -> faultsOf(primary, since).stream().map(FaultEvent::kind).toList(),
                            seen -> seen.stream().anyMatch(kind -> kind != FaultKind.RECOVERED)
                                    && seen.contains(FaultKind.RECOVERED));
            FaultEvent marker = notice(primary);
            assertThat(new OperatorApi(stack).postFault(marker).statusCode()).isEqualTo(202);
            await("the marker, published after the recovery, was planned").atMost(RECOVERY)
                    .until(() -> !recoveries.plansCausedBy(Set.of(marker.faultId())).isEmpty());

            List<RecoveryPlan> plans = recoveries.plansFor(primary, since);
            assertThat(plans).flatExtracting(RecoveryPlan::steps).extracting(PlanStep::action)
                    .as("no plan acts on the paused primary").doesNotContain(Action.STOP, Action.PROMOTE, Action.START);
            assertThat(cluster().pid(primary)).as("the same process").isEqualTo(pid);
            assertThat(watch.primaries()).containsExactly(primary);
        }
    }

    @Test
    void primaryPausedPastTheConfirmWindowIsFailedOverAndNeverServesAgainAsAPrimary() throws Exception {
        String victim = cluster().primary().name();
        long pausedPid = cluster().pid(victim);

        Recovery recovery;
        try {
            recovery = recover("primary paused past the window", victim, () -> cluster().sigstop(victim));
        } finally {
            cluster().sigcont(victim); // a process the plan did not kill resumes now, and must not be a primary again
        }

        assertThat(recovery.report().verdict()).as(recovery.report().checks().toString()).isEqualTo(Verdict.CONSISTENT);
        assertThat(ProcessHandle.of(pausedPid).filter(ProcessHandle::isAlive)).as("the hung primary was killed before "
                + "a replica was promoted").isEmpty();
        assertFailedOverFrom(victim, recovery);
    }

    @Test
    void sickClusterIsRolledReplicasFirstWithASwitchoverThatLosesNoWrite() throws Exception {
        String primary = cluster().primary().name();
        FaultEvent alert = new FaultEvent("redis-sick-" + UUID.randomUUID().toString().substring(0, 8),
                ReviveStack.REDIS_ID, null, FaultKind.UNHEALTHY, Severity.CRITICAL, Instant.now(), "e2e-alertmanager",
                Map.of("alertname", "RedisLatencyHigh"), ReviveStack.REDIS_ID + "/sick");

        Recovery recovery = recover("sick cluster rolled", primary, () -> {
            try {
                assertThat(new OperatorApi(stack).postFault(alert).statusCode()).isEqualTo(202);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(recovery.report().verdict()).as(recovery.report().checks().toString()).isEqualTo(Verdict.CONSISTENT);
        List<String> started = recovery.steps().stream()
                .filter(step -> step.action() == Action.START && step.status() == StepStatus.SUCCEEDED)
                .map(StepEvent::nodeId).toList();
        assertThat(started).as("every node restarted once, the primary last").hasSize(3).endsWith(primary)
                .doesNotHaveDuplicates();
        assertThat(recovery.steps()).filteredOn(step -> step.action() == Action.PROMOTE
                && step.status() == StepStatus.SUCCEEDED).as("one switchover, from the primary").singleElement()
                .satisfies(step -> assertThat(step.nodeId()).isEqualTo(primary));
        assertThat(recovery.steps()).filteredOn(step -> step.action() == Action.FENCE_WRITES
                && step.status() == StepStatus.SUCCEEDED).as("writes fenced once, around the primary's switchover")
                .singleElement().satisfies(step -> assertThat(step.nodeId()).isEqualTo(primary));
        assertThat(recovery.primaries()).as("one switchover, never back").hasSize(2).startsWith(primary);
        assertThat(cluster().roleOf(primary)).hasValue("slave");
        assertThat(recovery.missing()).as("a switchover inside the write fence loses no acknowledged write").isEmpty();
    }

    /** The failover's results: a replica leads, the old primary follows it, HAProxy routes to it, loss within bound. */
    private static void assertFailedOverFrom(String victim, Recovery recovery) throws Exception {
        String successor = cluster().primary().name();
        assertThat(successor).isNotEqualTo(victim);
        assertThat(recovery.primaries()).as("one failover, and the old primary never again").containsExactly(victim,
                successor);
        assertThat(cluster().roleOf(victim)).as(victim + " rejoined").hasValue("slave");
        assertThat(redis.routedTo()).hasValue(successor);
        assertThat(redis.proxy().serverState(victim)).as("back from maintenance, its check down: not the primary")
                .doesNotContain("MAINT");
        long bound = RedisLoss.statedBound(recovery.report());
        long lost = (long) recovery.missing().size() * RedisWriter.writeBytes();
        System.out.printf("[redis] failover from %s to %s: %d acknowledged writes missing (%d bytes), stated bound %d "
                + "bytes%n", victim, successor, recovery.missing().size(), lost, bound);
        assertThat(lost).as("acknowledged writes lost, in bytes, against the bound the promotion stated")
                .isLessThanOrEqualTo(bound);
    }

    /**
     * Runs {@code fault} while a writer writes through HAProxy and a {@link PrimaryWatch} watches the roles, waits for
     * the one report about {@code nodeId}, and returns it with what the writer lost.
     */
    private static Recovery recover(String scenario, String nodeId, Runnable fault) throws Exception {
        Instant since = Instant.now();
        try (RedisWriter writer = RedisWriter.start("127.0.0.1", redis.proxy().frontendPort());
                PrimaryWatch watch = PrimaryWatch.start(cluster())) {
            await("the first acknowledged writes").atMost(RECOVERY).until(() -> writer.acknowledged() > 100);
            Instant faultAt = Instant.now();
            fault.run();
            RecoveryReport report = await("report for " + nodeId).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                    .until(() -> recoveries.reportFor(nodeId, since), Optional::isPresent).orElseThrow();
            long acknowledged = writer.acknowledged();
            await("writes acknowledged after the report").atMost(RECOVERY).until(() -> writer.acknowledged()
                    > acknowledged + 100);
            writer.close();
            System.out.printf("[redis] %s (%s): fault to report %d ms (detection to verification %d ms), %d writes "
                    + "acknowledged, %d failed%n", scenario, nodeId, Duration.between(faultAt,
                    stack.events().seenAt(report).orElseThrow()).toMillis(), report.mttr().toMillis(),
                    writer.acknowledged(), writer.failures());
            RecoveryPlan plan = recoveries.planOf(report).orElseThrow();
            assertThat(recoveries.reportsOf(List.of(plan))).as("one report").hasSize(1);
            assertThat(stack.events().deadLetters()).as("dead letters").isEmpty();
            int primaryPort = cluster().primary().port();
            return new Recovery(report, recoveries.stepsOf(plan), watch.primaries(),
                    writer.missingFrom("127.0.0.1", primaryPort));
        }
    }

    /** One recovery: its report, its step events, the primaries seen meanwhile and the writes missing afterwards. */
    private record Recovery(RecoveryReport report, List<StepEvent> steps, List<String> primaries, List<String> missing) {

        /** The last event of the plan's one step of {@code action}. */
        StepEvent step(Action action) {
            List<StepEvent> events = steps.stream().filter(step -> step.action() == action).toList();
            assertThat(events).as("events of " + action).isNotEmpty();
            return events.get(events.size() - 1);
        }
    }

    private static RedisCluster cluster() {
        return redis.cluster();
    }

    private static String aReplica() {
        String primary = cluster().primary().name();
        return cluster().ids().stream().filter(id -> !id.equals(primary)).findFirst().orElseThrow();
    }

    private static boolean replicasLinked() {
        String primary = cluster().findPrimary().map(node -> node.name()).orElse("");
        return cluster().ids().stream().filter(id -> !id.equals(primary))
                .allMatch(id -> cluster().info(id, "replication")
                        .map(info -> "up".equals(info.get("master_link_status"))).orElse(false));
    }

    private static List<FaultEvent> faultsOf(String nodeId, Instant since) {
        return stack.events().faults().stream().filter(fault -> nodeId.equals(fault.nodeId()))
                .filter(fault -> !fault.observedAt().isBefore(since)).toList();
    }

    /** A WARNING about another node: the planner answers it with a NOTICE plan, a sign that it read that far. */
    private static FaultEvent notice(String paused) {
        String other = cluster().ids().stream().filter(id -> !id.equals(paused)).findFirst().orElseThrow();
        String unique = "after-short-pause-" + UUID.randomUUID().toString().substring(0, 8);
        return new FaultEvent(unique, ReviveStack.REDIS_ID, other, FaultKind.UNHEALTHY, Severity.WARNING,
                Instant.now(), "e2e-alertmanager", Map.of("alert", "marker"), ReviveStack.REDIS_ID + "/" + other
                + "/" + unique);
    }
}
