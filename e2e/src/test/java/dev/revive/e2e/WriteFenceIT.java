package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.targets.etcd.RolePermission;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.Signals;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write fence end to end (issue 9 §4) on a stack whose target etcd has auth on ({@link FencedTarget}): an
 * application role with READWRITE on its prefix, named in the spec's {@code fencedRoles}. A killed member's plan is
 * bracketed by {@code 00-fence-writes} and {@code 99-unfence}; while it runs the application can read but not write,
 * and afterwards the role holds exactly its original permissions again, even when the executor is killed (SIGKILL)
 * between fence and unfence. Each scenario kills its own follower and writes its own keys.
 */
class WriteFenceIT {

    private static final Duration RECOVERY = Duration.ofMinutes(3);
    private static final String FENCE = "00-fence-writes";
    private static final String UNFENCE = "99-unfence";

    @TempDir
    static Path runDir;
    private static FencedTarget fenced;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static EtcdAdapter etcd;
    private static List<RolePermission> original;

    @BeforeAll
    static void startReviveWithAFencedTarget() throws Exception {
        fenced = new FencedTarget();
        stack = ReviveStack.startWithTarget(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[fence] " + line), fenced);
        recoveries = new Recoveries(stack.events());
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
        original = permissions();
        assertThat(original).as("the application role's permissions at the start")
                .extracting(RolePermission::type).containsExactly(RolePermission.Type.READWRITE);
    }

    @AfterAll
    static void stopRevive() {
        Resources.closeAll(etcd, stack);
    }

    @BeforeEach
    void clusterWholeServicesReadyNothingUnderWayAndTheRoleUnfenced() {
        await("all members healthy, every service ready, every plan reported, the role unfenced").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> stack.target().members().stream()
                        .allMatch(member -> etcd.isHealthy(member.clientUrl(), stack.spec().security()))
                        && stack.services().stream().allMatch(ServiceProcess::isReady)
                        && recoveries.nothingUnderWay() && permissions().equals(original));
    }

    @Test
    void applicationCanReadButNotWriteWhileAKilledMembersPlanRunsAndWritesAgainWithItsOriginalRoleAfterIt()
            throws Exception {
        // given: the application writes through a member that stays up
        EtcdMember member = stack.followers().get(0);
        String through = other(member).clientUrl();
        String prefix = FencedTarget.PREFIX + "member-kill/";
        assertThat(fenced.put(through, prefix + "seed", "before")).as("a put before the fault")
                .isEqualTo(Status.Code.OK);
        Instant since = Instant.now();
        List<Sample> samples;

        // when: the member is killed while the application keeps writing and reading
        try (Sampler sampler = Sampler.start(through, prefix)) {
            stack.target().kill(member);
            RecoveryPlan plan = planFor(member, since);
            RecoveryReport report = await("the report of " + plan.planId()).atMost(RECOVERY)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> recoveries.reportsOf(List.of(plan)).stream().findFirst(), Optional::isPresent)
                    .orElseThrow();
            samples = sampler.stop();

            // then: the plan is inside the fence, and under it every put was refused and every get answered
            List<StepEvent> steps = recoveries.stepsOf(plan);
            System.out.println("[fence] " + timed(steps) + "; " + samples.size() + " samples; " + report.timeline()
                    + ", fault to report " + report.timeline().timeToRecovery());
            assertThat(plan.steps()).first().extracting(PlanStep::stepId, PlanStep::action)
                    .containsExactly(FENCE, Action.FENCE_WRITES);
            assertThat(plan.steps()).last().extracting(PlanStep::stepId, PlanStep::action)
                    .containsExactly(UNFENCE, Action.UNFENCE);
            Instant fencedAt = at(steps, FENCE, StepStatus.SUCCEEDED);
            Instant unfencing = at(steps, UNFENCE, StepStatus.STARTED);
            assertThat(fencedAt).as(trail(steps)).isBefore(unfencing);
            List<Sample> underFence = samples.stream()
                    .filter(sample -> !sample.sentAt().isBefore(fencedAt) && sample.answeredAt().isBefore(unfencing))
                    .toList();
            System.out.println("[fence] " + underFence.size() + " samples under the fence: " + underFence);
            assertThat(underFence).as("samples between %s and %s: %s", fencedAt, unfencing, samples).isNotEmpty()
                    .allSatisfy(sample -> {
                        assertThat(sample.put()).as("put at " + sample.sentAt())
                                .isEqualTo(Status.Code.PERMISSION_DENIED);
                        assertThat(sample.get()).as("get at " + sample.sentAt()).isEqualTo(Status.Code.OK);
                    });
            assertThat(at(steps, UNFENCE, StepStatus.SUCCEEDED)).isAfterOrEqualTo(unfencing);
            assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        }

        // then: after the report the role holds its original permissions and the application writes again
        assertThat(permissions()).as("the role's permissions, read as root").isEqualTo(original);
        assertThat(fenced.put(through, prefix + "after", "after")).as("a put after the report")
                .isEqualTo(Status.Code.OK);
    }

    @Test
    void executorKilledRightAfterTheFenceLeavesNoFenceBehindOnceRestartedAndTheIncidentIsReportedOnce()
            throws Exception {
        // given: the executor is SIGKILLed as soon as a FENCE_WRITES SUCCEEDED of this scenario is on the log
        EtcdMember member = stack.followers().get(0);
        String through = other(member).clientUrl();
        Instant since = Instant.now();
        AtomicBoolean armed = new AtomicBoolean(true);
        AtomicReference<StepEvent> killedAfter = new AtomicReference<>();
        AtomicReference<Instant> killedAt = new AtomicReference<>();
        ServiceProcess executor = stack.service("executor");
        stack.events().onEntry(entry -> {
            if (entry.value() instanceof StepEvent step && step.action() == Action.FENCE_WRITES
                    && step.status() == StepStatus.SUCCEEDED && !step.at().isBefore(since) && armed.get()
                    && killedAfter.compareAndSet(null, step)) {
                Signals.send(executor.pid(), "KILL");
                killedAt.set(Instant.now());
            }
        });
        RecoveryPlan plan;
        try {
            // when: a member is killed, the executor dies right after fencing, and is started again
            stack.target().kill(member);
            plan = planFor(member, since);
            await("FENCE_WRITES SUCCEEDED of " + plan.planId() + " and the executor killed").atMost(RECOVERY)
                    .pollInterval(Duration.ofMillis(50)).until(killedAt::get, Objects::nonNull);
            StepEvent fence = killedAfter.get();
            System.out.println("[fence] executor killed at " + killedAt.get() + " after " + fence.stepId() + " "
                    + fence.status() + " at " + fence.at());
            stack.restart("executor");
        } finally {
            armed.set(false);
        }
        String incident = plan.incidentId();
        RecoveryReport report = await("a report of incident " + incident).atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> reportsOf(incident).stream().findFirst(), Optional::isPresent).orElseThrow();
        await("no second report of incident " + incident).during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10)).until(() -> reportsOf(incident).size() == 1);

        // then: the resumed plan (or its early end) lifted the fence: original permissions, the application writes
        List<StepEvent> steps = stack.events().executions().stream().filter(StepEvent.class::isInstance)
                .map(StepEvent.class::cast).filter(step -> step.incidentId().equals(incident)).toList();
        System.out.println("[fence] " + timed(steps) + "; report " + report.verdict() + " " + report.timeline()
                + ", fault to report " + report.timeline().timeToRecovery());
        assertThat(steps).as(timed(steps) + "\nexecutor log:\n" + executor.logTail()).anySatisfy(step -> {
            assertThat(step.stepId()).isEqualTo(UNFENCE);
            assertThat(step.action()).isEqualTo(Action.UNFENCE);
            assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(step.at()).as("unfenced after the executor was killed").isAfter(killedAt.get());
        });
        assertThat(reportsOf(incident)).hasSize(1);
        assertThat(permissions()).as("the role's permissions, read as root").isEqualTo(original);
        assertThat(fenced.put(through, FencedTarget.PREFIX + "executor-kill/after", "after"))
                .as("a put after the report").isEqualTo(Status.Code.OK);
        assertThat(executor.isReady()).as("the executor is ready again").isTrue();
    }

    @Test
    void sameMemberKilledTwiceUnderOneExecutorIsFencedAndUnfencedBothTimes() {
        // given: the member the fence will be lifted through restarts in between, so a cached login goes stale
        EtcdMember member = stack.followers().get(0);
        for (int round = 1; round <= 2; round++) {
            Instant since = Instant.now();

            // when
            stack.target().kill(member);
            RecoveryPlan plan = planFor(member, since);
            RecoveryReport report = await("the report of " + plan.planId()).atMost(RECOVERY)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> recoveries.reportsOf(List.of(plan)).stream().findFirst(), Optional::isPresent)
                    .orElseThrow();

            // then: each plan lifted its own fence
            List<StepEvent> steps = recoveries.stepsOf(plan);
            System.out.println("[fence] round " + round + ": " + timed(steps));
            assertThat(at(steps, UNFENCE, StepStatus.SUCCEEDED)).as(trail(steps)).isNotNull();
            assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
            assertThat(permissions()).as("the role's permissions after round " + round).isEqualTo(original);
            await("all members healthy again").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                    .until(() -> stack.target().members().stream()
                            .allMatch(each -> etcd.isHealthy(each.clientUrl(), stack.spec().security())));
        }
    }

    /** The first executable plan for {@code member} created since {@code since}, once it is on the log. */
    private static RecoveryPlan planFor(EtcdMember member, Instant since) {
        return await("a plan for " + member.name()).atMost(RECOVERY).pollInterval(Duration.ofMillis(50))
                .until(() -> recoveries.plansFor(member.name(), since).stream()
                        .filter(plan -> plan.mode().executable()).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static List<RecoveryReport> reportsOf(String incidentId) {
        return stack.events().reports().stream().filter(report -> report.incidentId().equals(incidentId)).toList();
    }

    /**
     * The role's permissions now, read as {@code root} through the first member, with a client of its own: a cached
     * client keeps the auth token of a member's previous life, which the member, restarted, refuses.
     */
    private static List<RolePermission> permissions() {
        try (EtcdAdapter reader = new EtcdAdapter(Duration.ofSeconds(2))) {
            return reader.rolePermissions(stack.target().member(0).clientUrl(), stack.spec().security(),
                    FencedTarget.ROLE);
        }
    }

    /** A member other than {@code member}, through which the application keeps talking to the cluster. */
    private static EtcdMember other(EtcdMember member) {
        return stack.target().members().stream().filter(candidate -> candidate != member).findFirst().orElseThrow();
    }

    private static Instant at(List<StepEvent> steps, String stepId, StepStatus status) {
        return steps.stream().filter(step -> step.stepId().equals(stepId) && step.status() == status)
                .map(StepEvent::at).findFirst()
                .orElseThrow(() -> new AssertionError(stepId + " " + status + " not in " + trail(steps)));
    }

    /** The trail with each event's attempt and time. */
    private static String timed(List<StepEvent> steps) {
        return steps.stream().map(step -> step.stepId() + "#" + step.attempt() + " " + step.status() + " at "
                + step.at()).toList().toString();
    }

    private static String trail(List<StepEvent> steps) {
        return steps.stream().map(step -> step.stepId() + " " + step.status() + " by " + step.executorId()
                + (step.status().isDone() || step.status() == StepStatus.STARTED ? "" : ": " + step.detail()))
                .toList().toString();
    }

    /** One round of the application: a put of a new key and a get of the seed key, with when it was sent and done. */
    private record Sample(Instant sentAt, Status.Code put, Status.Code get, Instant answeredAt) {
    }

    /** The application in a background loop: one {@link Sample} after another until stopped. */
    private static final class Sampler implements AutoCloseable {

        private final List<Sample> samples = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private Sampler(String endpoint, String prefix) {
            thread = new Thread(() -> {
                for (int n = 0; running.get(); n++) {
                    Instant sentAt = Instant.now();
                    FencedTarget.Round round = fenced.putThenGet(endpoint, prefix + n, "during", prefix + "seed");
                    samples.add(new Sample(sentAt, round.put(), round.get(), Instant.now()));
                }
            }, "fence-sampler");
            thread.setDaemon(true);
        }

        static Sampler start(String endpoint, String prefix) {
            Sampler sampler = new Sampler(endpoint, prefix);
            sampler.thread.start();
            return sampler;
        }

        /** Stops the loop, waits for its last round (each call is bounded) and returns every sample. */
        List<Sample> stop() throws InterruptedException {
            running.set(false);
            thread.join(Duration.ofSeconds(30).toMillis());
            return List.copyOf(samples);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
