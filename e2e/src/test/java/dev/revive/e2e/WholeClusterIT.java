package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.EtcdWal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Revive does to every member of the stack's real 3-member etcd target at once. A full crash (issue 9 §2): every
 * member killed at once is started as one cluster-wide plan — each member's data backed up before anything is
 * touched, all started, one leader awaited, then each member — and a member that cannot start is replaced once the
 * others have their quorum. A rollback (§5): an operator's request restores every member from one snapshot. The order
 * is read from the step events, the data from the members themselves.
 */
class WholeClusterIT {

    private static final Duration RECOVERY = Duration.ofMinutes(3);

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static EtcdAdapter etcd;
    private static Workload workload;
    private static OperatorApi api;

    @BeforeAll
    static void startRevive() throws Exception {
        stack = ReviveStack.start(DemoOptions.locateRepoRoot(), runDir, line -> System.out.println("[e2e] " + line));
        recoveries = new Recoveries(stack.events());
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
        workload = new Workload(stack.target().endpoints());
        api = new OperatorApi(stack);
    }

    @AfterAll
    static void stopRevive() {
        if (workload != null) {
            workload.close();
        }
        if (etcd != null) {
            etcd.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void clusterIsWholeAndNoRecoveryIsUnderWay() {
        WholeTarget.await(stack, recoveries, etcd, RECOVERY);
    }

    @Test
    void everyMemberKilledAtOnceIsStartedAsOneAfterEachMembersDataIsBackedUp() throws Exception {
        List<EtcdMember> members = stack.target().members();
        int written = workload.write("e2e/crash", 40);
        Instant since = Instant.now();

        members.forEach(stack.target()::kill);

        RecoveryPlan plan = WholeClusterPlans.awaitFullRestart(stack.events(), since, RECOVERY);
        RecoveryReport report = awaitReport(plan);
        List<StepEvent> steps = done(plan);
        System.out.printf("[timing] full crash: killed → report %d ms (MTTR %s)%n",
                Duration.between(since, report.timeline().verifiedAt()).toMillis(), report.mttr());
        System.out.println("[full-crash] " + steps.stream().map(step -> step.stepId() + " " + step.status()).toList());
        assertThat(recoveries.plansFor(members.get(0).name(), since)).filteredOn(p -> p.mode().executable())
                .as("one plan for the whole cluster, no member restarted alone").containsExactly(plan);
        assertThat(steps).filteredOn(step -> step.action() == Action.BACKUP_DATA).hasSize(members.size())
                .allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED));
        Instant lastBackup = lastOf(steps, Action.BACKUP_DATA);
        Instant firstStart = firstOf(steps, Action.START);
        assertThat(lastBackup).as("every member backed up before the first start").isBeforeOrEqualTo(firstStart);
        assertThat(firstOf(steps, Action.AWAIT_QUORUM)).as("the quorum awaited after every start")
                .isAfterOrEqualTo(lastOf(steps, Action.START));
        assertThat(firstOf(steps, Action.AWAIT_HEALTHY)).isAfterOrEqualTo(firstOf(steps, Action.AWAIT_QUORUM));
        assertThat(steps).filteredOn(step -> step.action() == Action.START).hasSize(members.size())
                .allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED));
        assertThat(steps).filteredOn(step -> step.action() == Action.STOP).as("no member was running")
                .allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.SKIPPED));
        assertThat(steps).extracting(StepEvent::action).doesNotContain(Action.FORCE_KILL);
        for (EtcdMember member : members) {
            Path copy = backupOf(plan, member).resolve("member/snap/db");
            assertThat(copy).as(member.name() + "'s db copied").isRegularFile();
            assertThat(Path.of(copy + ".sha256")).as("with its sha256").isRegularFile();
        }
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        for (EtcdMember member : members) {
            assertThat(Workload.countOn(member.clientUrl(), "e2e/crash/")).as(member.name() + " holds every key")
                    .isEqualTo(written);
        }
    }

    @Test
    void memberThatCannotStartAfterAFullCrashIsReplacedOnceTheOthersHaveTheirQuorum() throws Exception {
        List<EtcdMember> members = stack.target().members();
        EtcdMember broken = members.get(members.size() - 1);
        long oldId = etcd.status(broken.clientUrl(), null).memberId();
        int written = workload.write("e2e/crash-replaced", 40);
        Instant since = Instant.now();

        members.forEach(stack.target()::kill);
        EtcdWal.corrupt(broken);

        RecoveryPlan full = WholeClusterPlans.awaitFullRestart(stack.events(), since, RECOVERY);
        RecoveryPlan replacement = await("the replacement of " + broken.name()).atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200)).until(() -> recoveries.newestRevisions().get(full.incidentId()),
                        plan -> plan != null && plan.revision() > full.revision());
        RecoveryReport report = awaitReport(replacement);
        List<StepEvent> fullSteps = done(full);
        System.out.printf("[timing] full crash with %s not starting: killed → report %d ms (MTTR %s)%n",
                broken.name(), Duration.between(since, report.timeline().verifiedAt()).toMillis(), report.mttr());
        System.out.println("[full-crash-replace] " + fullSteps.stream()
                .map(step -> step.stepId() + " " + step.status()).toList());
        assertThat(fullSteps).as("the others reached their quorum without it")
                .anySatisfy(step -> {
                    assertThat(step.action()).isEqualTo(Action.AWAIT_QUORUM);
                    assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
                });
        assertThat(fullSteps).as(broken.name() + " did not come back").anySatisfy(step -> {
            assertThat(step.nodeId()).isEqualTo(broken.name());
            assertThat(step.action()).isIn(Action.START, Action.AWAIT_HEALTHY);
            assertThat(step.status()).isIn(StepStatus.FAILED, StepStatus.TIMED_OUT);
        });
        assertThat(replacement.steps()).extracting(step -> step.action()).contains(Action.REPLACE_MEMBER);
        assertThat(replacement.steps()).extracting(step -> step.nodeId()).containsOnly(broken.name());
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        assertThat(etcd.status(broken.clientUrl(), null).memberId()).as("a new member in its place")
                .isNotEqualTo(oldId);
        await(broken.name() + " holds every key written before the crash").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Workload.countOn(broken.clientUrl(), "e2e/crash-replaced/") == written);
    }

    @Test
    void rollbackToANamedSnapshotTakesAwayTheBadKeysAndBringsBackEveryGoodOneOnEveryMember() throws Exception {
        List<EtcdMember> members = stack.target().members();
        int good = workload.write("e2e/rollback/good", 30);
        String snapshot = snapshotTakenByARestart();
        workload.write("e2e/rollback/bad", 20);
        workload.put("e2e/rollback/good/000000", "overwritten by mistake");
        Instant since = Instant.now();

        assertThat(api.rollback(stack.spec().id(), snapshot, "e2e-operator", "bad keys written").statusCode())
                .isEqualTo(202);

        RecoveryPlan plan = WholeClusterPlans.awaitRollback(stack.events(), since, RECOVERY);
        RecoveryReport report = awaitReport(plan);
        List<StepEvent> steps = done(plan);
        System.out.printf("[timing] rollback: asked → report %d ms (MTTR %s)%n",
                Duration.between(since, report.timeline().verifiedAt()).toMillis(), report.mttr());
        System.out.println("[rollback] " + steps.stream().map(step -> step.stepId() + " " + step.status()).toList());
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(steps).filteredOn(step -> step.action() == Action.RESTORE_SNAPSHOT).hasSize(members.size())
                .allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED));
        assertThat(lastOf(steps, Action.FORCE_KILL)).as("every member down before the first restore")
                .isBeforeOrEqualTo(firstOf(steps, Action.RESTORE_SNAPSHOT));
        assertThat(lastOf(steps, Action.RESTORE_SNAPSHOT)).as("every member restored before the first start")
                .isBeforeOrEqualTo(firstOf(steps, Action.START));
        assertThat(firstOf(steps, Action.AWAIT_QUORUM)).isAfterOrEqualTo(lastOf(steps, Action.START));
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        assertThat(report.checks()).filteredOn(check -> check.name().equals("restored-keyspace")).singleElement()
                .satisfies(check -> assertThat(check.status()).isEqualTo(CheckStatus.PASS));
        for (EtcdMember member : members) {
            assertThat(Workload.countOn(member.clientUrl(), "e2e/rollback/bad/")).as(member.name() + ": bad keys gone")
                    .isZero();
            assertThat(Workload.countOn(member.clientUrl(), "e2e/rollback/good/")).as(member.name() + ": good keys")
                    .isEqualTo(good);
            assertThat(Workload.valueOn(member.clientUrl(), "e2e/rollback/good/000000"))
                    .as(member.name() + ": the overwritten key has its good value back").hasValue("value-0");
            assertThat(Path.of(member.dataDir() + ".rolled-back-" + plan.planId()))
                    .as(member.name() + "'s old data directory kept aside").isDirectory();
        }
    }

    /**
     * Kills a follower and waits for the CONSISTENT report of its restart, whose first step snapshots the cluster:
     * returns that snapshot's file name in the backup directory.
     */
    private static String snapshotTakenByARestart() {
        EtcdMember follower = stack.followers().get(0);
        Instant since = Instant.now();
        stack.target().kill(follower);
        RecoveryReport report = await("the restart of " + follower.name()).atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportFor(follower.name(), since), Optional::isPresent).orElseThrow();
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        return WholeClusterPlans.snapshotOf(stack, report);
    }

    private static RecoveryReport awaitReport(RecoveryPlan plan) {
        return await("the report of " + plan.planId()).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportsOf(List.of(plan)).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** The terminal step events of {@code plan}, in the order they ended. */
    private static List<StepEvent> done(RecoveryPlan plan) {
        return recoveries.stepsOf(plan).stream().filter(step -> step.status().isTerminal())
                .sorted(Comparator.comparing(StepEvent::at)).toList();
    }

    private static Instant firstOf(List<StepEvent> steps, Action action) {
        return steps.stream().filter(step -> step.action() == action).map(StepEvent::at).min(Comparator.naturalOrder())
                .orElseThrow(() -> new AssertionError("no " + action + " step ended"));
    }

    private static Instant lastOf(List<StepEvent> steps, Action action) {
        return steps.stream().filter(step -> step.action() == action).map(StepEvent::at).max(Comparator.naturalOrder())
                .orElseThrow(() -> new AssertionError("no " + action + " step ended"));
    }

    private static Path backupOf(RecoveryPlan plan, EtcdMember member) {
        Path root = Path.of(stack.spec().backup().directory());
        Path dir = root.resolve(stack.spec().id()).resolve("crash").resolve(plan.planId()).resolve(member.name());
        assertThat(Files.isDirectory(dir)).as("backup directory " + dir).isTrue();
        return dir;
    }
}
