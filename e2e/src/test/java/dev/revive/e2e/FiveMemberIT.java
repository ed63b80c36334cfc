package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdMember;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 §7 on a stack whose target is a 5-member etcd cluster (quorum 3, two failures tolerated): the leader
 * killed; two followers killed at once (3 of 5 remain); three killed at once (quorum lost, 2 of 5 run). Each
 * scenario starts from all five members healthy and nothing under way, and prints a {@code [timing]} line: from the
 * kill to the last report it waits for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FiveMemberIT {

    private static final int MEMBERS = 5;
    private static final Duration RECOVERY = Duration.ofMinutes(2);
    private static final int KEYS = 100;
    /** The actions that take a running member down: never allowed to succeed on a member that was running. */
    private static final Set<Action> TAKES_DOWN = Set.of(Action.STOP, Action.FORCE_KILL);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static OperatorApi api;
    private static EtcdAdapter etcd;
    private static Workload workload;

    @BeforeAll
    static void startReviveWithAFiveMemberTarget() throws Exception {
        stack = ReviveStack.startWithTarget(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[five] " + line), PlainTarget.of(MEMBERS));
        recoveries = new Recoveries(stack.events());
        api = new OperatorApi(stack);
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
        workload = new Workload(stack.target().endpoints());
        assertThat(stack.target().members()).hasSize(MEMBERS);
        assertThat(stack.spec().nodes()).hasSize(MEMBERS);
    }

    @AfterAll
    static void stopRevive() {
        Resources.closeAll(workload, etcd, stack);
    }

    @BeforeEach
    void allFiveHealthyAndNothingUnderWay() {
        await("all five members healthy, every plan reported").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> allMembersHealthy() && recoveries.nothingUnderWay());
    }

    @Test
    @Order(1)
    void killedLeaderIsRestartedAsANewProcessUnderANewLeaderAndReportedConsistentOnce() throws Exception {
        EtcdMember leader = stack.target().leader();
        MemberStarts.Sample before = MemberStarts.of(leader);
        Instant since = Instant.now();

        stack.target().kill(leader);
        EtcdMember newLeader = await("a new leader among the other four").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> stack.target().findLeader().filter(found -> found != leader), Optional::isPresent)
                .orElseThrow();
        int written = workload.write("five/leader-down", KEYS);

        RecoveryReport report = awaitReportFor(leader, since);
        timing("leader killed", since, List.of(report));
        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        List<RecoveryPlan> plans = recoveries.plansFor(leader.name(), since);
        assertThat(plans).singleElement().satisfies(plan -> assertThat(plan.mode()).isEqualTo(PlanMode.AUTO));
        assertThat(recoveries.reportsOf(plans)).hasSize(1);
        assertThat(newLeader).isNotSameAs(leader);
        assertThat(etcd.isHealthy(leader.clientUrl())).as("old leader back as a member").isTrue();
        MemberStarts.Sample after = MemberStarts.of(leader);
        assertThat(after.starts()).as("the old leader started exactly once more").isEqualTo(before.starts() + 1);
        assertThat(after.process()).as("the old leader runs as a new process").isPresent()
                .isNotEqualTo(before.process());
        awaitKeysOn(leader, "five/leader-down", written);
    }

    @Test
    @Order(2)
    void twoFollowersKilledAtOnceAreRestartedOneAtATimeAndAllFiveEndHealthy() throws Exception {
        List<EtcdMember> killed = stack.followers().subList(0, 2);
        Instant since = Instant.now();

        killed.forEach(stack.target()::kill);
        int written = workload.write("five/two-down", KEYS);

        try {
            await("both members reported and all five healthy").atMost(RECOVERY.multipliedBy(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> killed.stream()
                            .allMatch(member -> recoveries.reportFor(member.name(), since).isPresent())
                            && allMembersHealthy());
        } finally {
            printSince(since);
        }
        List<RecoveryPlan> plans = new ArrayList<>();
        for (EtcdMember member : killed) {
            List<RecoveryPlan> memberPlans = recoveries.plansFor(member.name(), since);
            assertThat(memberPlans).as("one plan for " + member.name()).hasSize(1);
            plans.add(memberPlans.get(0));
        }
        plans.sort(Comparator.comparing(RecoveryPlan::createdAt));
        List<RecoveryReport> reports = recoveries.reportsOf(plans);
        timing("two followers killed", since, reports);
        assertThat(plans).extracting(RecoveryPlan::mode).containsOnly(PlanMode.AUTO);
        assertThat(firstActingStepOf(plans.get(1))).as("second member touched only after the first plan ended")
                .isAfterOrEqualTo(outcomeOf(plans.get(0)));
        assertWholeAtTheEnd(reports, 2);
        for (EtcdMember member : killed) {
            awaitKeysOn(member, "five/two-down", written);
        }
    }

    @Test
    @Order(3)
    void threeMembersKilledAtOnceNeverTakeDownASurvivorAndEndWholeOrApproved() throws Exception {
        List<EtcdMember> killed = stack.followers().subList(0, 3);
        List<EtcdMember> survivors = stack.target().members().stream().filter(member -> !killed.contains(member))
                .toList();
        int written = workload.write("five/quorum-lost", KEYS);
        Map<String, MemberStarts.Sample> survivorsBefore = samples(survivors);
        Set<String> approved = new HashSet<>();
        Instant since = Instant.now();

        killed.forEach(stack.target()::kill);

        try {
            await("every killed member reported, waiting approvals approved, all five healthy")
                    .atMost(RECOVERY.multipliedBy(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        approveWaitingPlans(since, approved);
                        return killed.stream().allMatch(member -> recoveries.reportFor(member.name(), since).isPresent())
                                && allMembersHealthy() && recoveries.nothingUnderWay();
                    });
        } finally {
            printSince(since);
        }
        List<RecoveryReport> reports = recoveries.reportsOf(plansSince(since));
        timing("three members killed (" + approved.size() + " approvals)", since, reports);
        assertThat(stepsSince(since)).as("no step took down a member that was running")
                .noneMatch(step -> survivorIds(survivors).contains(step.nodeId())
                        && TAKES_DOWN.contains(step.action()) && step.status() == StepStatus.SUCCEEDED);
        assertThat(samples(survivors)).as("the survivors were never restarted").isEqualTo(survivorsBefore);
        for (EtcdMember member : killed) {
            assertThat(recoveries.reportFor(member.name(), since)).as("report for " + member.name()).isPresent();
        }
        assertWholeAtTheEnd(reports, killed.size());
        for (EtcdMember member : stack.target().members()) {
            awaitKeysOn(member, "five/quorum-lost", written);
        }
    }

    /**
     * One report per killed member: the last one CONSISTENT, each earlier one CONSISTENT or DEGRADED (its member is
     * back while another is still down: the report says the cluster is not whole yet, and the next incident follows).
     */
    private static void assertWholeAtTheEnd(List<RecoveryReport> reports, int count) {
        List<RecoveryReport> inOrder = reports.stream()
                .sorted(Comparator.comparing(report -> report.timeline().verifiedAt())).toList();
        assertThat(inOrder).hasSize(count);
        assertThat(inOrder.subList(0, count - 1)).allSatisfy(report -> assertThat(report.verdict())
                .isIn(Verdict.CONSISTENT, Verdict.DEGRADED));
        assertThat(inOrder.get(count - 1).verdict()).as(inOrder.get(count - 1).checks().toString())
                .isEqualTo(Verdict.CONSISTENT);
    }

    /** As an operator would: approves each newest revision since {@code since} that waits for approval, once. */
    private static void approveWaitingPlans(Instant since, Set<String> approved) throws Exception {
        for (RecoveryPlan plan : recoveries.newestRevisions().values()) {
            if (plan.mode() == PlanMode.APPROVAL_REQUIRED && !plan.createdAt().isBefore(since)
                    && approved.add(plan.planId())) {
                System.out.printf("[five] approving %s (%s): %s%n", plan.planId(), plan.steps().stream()
                        .map(step -> step.action() + "@" + step.nodeId()).toList(), plan.modeReason());
                assertThat(api.approve(plan.planId(), "e2e-operator", "quorum loss looked into", false).statusCode())
                        .isEqualTo(202);
            }
        }
    }

    private static List<RecoveryPlan> plansSince(Instant since) {
        return stack.events().plans().stream().filter(plan -> !plan.createdAt().isBefore(since)).toList();
    }

    private static List<StepEvent> stepsSince(Instant since) {
        return stack.events().executions().stream().filter(StepEvent.class::isInstance).map(StepEvent.class::cast)
                .filter(step -> !step.at().isBefore(since)).toList();
    }

    /** Every plan and execution event since {@code since}, as the demo prints them: what Revive decided and did. */
    private static void printSince(Instant since) {
        TimelinePrinter printer = new TimelinePrinter(System.out, since);
        stack.events().entries().stream().filter(entry -> !entry.seenAt().isBefore(since))
                .filter(entry -> entry.value() instanceof RecoveryPlan || entry.value() instanceof StepEvent
                        || entry.value() instanceof PlanOutcome || entry.value() instanceof RecoveryReport)
                .forEach(printer::print);
    }

    private static Set<String> survivorIds(List<EtcdMember> survivors) {
        return survivors.stream().map(EtcdMember::name).collect(Collectors.toSet());
    }

    private static Map<String, MemberStarts.Sample> samples(List<EtcdMember> members) {
        return members.stream().collect(Collectors.toMap(EtcdMember::name, MemberStarts::of));
    }

    private static RecoveryReport awaitReportFor(EtcdMember member, Instant since) {
        return await("report for " + member.name()).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportFor(member.name(), since), Optional::isPresent).orElseThrow();
    }

    /** When the plan's first acting step (a process signalled or started, files removed, leadership moved) began. */
    private static Instant firstActingStepOf(RecoveryPlan plan) {
        return recoveries.stepsOf(plan).stream().filter(step -> step.action().acting()).map(StepEvent::at)
                .min(Instant::compareTo).orElseThrow();
    }

    private static Instant outcomeOf(RecoveryPlan plan) {
        return recoveries.outcomesOf(List.of(plan)).stream().map(PlanOutcome::at).min(Instant::compareTo)
                .orElseThrow();
    }

    private static void awaitKeysOn(EtcdMember member, String prefix, int expected) {
        await(member.name() + " holds every key of " + prefix).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> Workload.countOn(member.clientUrl(), prefix) == expected);
    }

    private static boolean allMembersHealthy() {
        return stack.target().members().stream().allMatch(member -> etcd.isHealthy(member.clientUrl()));
    }

    /** Prints the time from the kill to the last of {@code reports} as the event log saw it. */
    private static void timing(String scenario, Instant killedAt, List<RecoveryReport> reports) {
        Function<RecoveryReport, Instant> seen = report -> stack.events().seenAt(report).orElseThrow();
        Instant last = reports.stream().map(seen).max(Instant::compareTo).orElseThrow();
        System.out.printf("[timing] %s: kill to last report %d ms (%d reports)%n", scenario,
                Duration.between(killedAt, last).toMillis(), reports.size());
    }
}
