package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.RestartBudget;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdMember;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flapping member on the real stack (issue 7 §3): one etcd follower killed five times in a row, on a target whose
 * policy allows {@value #BUDGET} restarts per node per hour. Revive restarts it by itself exactly {@value #BUDGET}
 * times (counted on the target: etcd's own start lines in its log), each with one CONSISTENT report; the next kill
 * gets an approval request naming the spent budget and the member stays down until an operator approves, after
 * which the approved plan runs once and is reported CONSISTENT. The approved restart counts against the budget too:
 * the fifth kill asks again, and a rejection leaves the member down. The healthy members are never touched.
 */
class FlappingMemberIT {

    private static final int BUDGET = 3;
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    /** How long a member past its budget is watched for a restart nobody approved. */
    private static final Duration STAYS_DOWN = Duration.ofSeconds(5);

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static OperatorApi api;
    private static EtcdAdapter etcd;

    @BeforeAll
    static void startReviveWithASmallRestartBudget() throws Exception {
        stack = ReviveStack.startWithSpec(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[flapping] " + line),
                spec -> TargetSpecs.withRestartBudget(spec, new RestartBudget(BUDGET, WINDOW)));
        recoveries = new Recoveries(stack.events());
        api = new OperatorApi(stack);
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopRevive() {
        Resources.closeAll(etcd, stack);
    }

    @Test
    void memberKilledFiveTimesIsRestartedBudgetManyTimesThenOnlyWhenAnOperatorApproves() throws Exception {
        assertThat(stack.spec().policy().restartBudget()).isEqualTo(new RestartBudget(BUDGET, WINDOW));
        awaitClusterWholeAndNothingUnderWay();
        EtcdMember member = stack.followers().get(0);
        Map<String, MemberStarts.Sample> healthyBefore = stack.target().members().stream()
                .filter(other -> other != member).collect(Collectors.toMap(EtcdMember::name, MemberStarts::of));
        long startsBefore = MemberStarts.of(member).starts();
        Instant firstKill = Instant.now();

        for (int kill = 1; kill <= BUDGET; kill++) {
            Instant since = killAndAwaitFault(member);
            RecoveryReport report = awaitReport(member, since);

            assertThat(report.verdict()).as("kill %d: %s", kill, report).isEqualTo(Verdict.CONSISTENT);
            assertThat(recoveries.plansFor(member.name(), since)).as("kill %d: plans", kill).singleElement()
                    .satisfies(plan -> assertThat(plan.mode()).isEqualTo(PlanMode.AUTO));
            assertThat(recoveries.reportsOf(recoveries.plansFor(member.name(), since))).as("kill %d: reports", kill)
                    .hasSize(1);
            assertThat(MemberStarts.of(member).starts()).as("kill %d: starts of %s", kill, member.name())
                    .isEqualTo(startsBefore + kill);
            awaitRecoveredAndNothingUnderWay(member, since);
        }

        Instant pastBudget = killAndAwaitFault(member);
        RecoveryPlan request = awaitPlan(member, pastBudget, PlanMode.APPROVAL_REQUIRED);

        assertThat(request.modeReason()).contains("restart budget of " + member.name(),
                BUDGET + " restart(s) within " + WINDOW, "the policy allows " + BUDGET);
        awaitStaysDownUnrestarted(member, startsBefore + BUDGET);
        assertThat(recoveries.plansFor(member.name(), pastBudget)).as("plans before the approval")
                .containsExactly(request);

        HttpResponse<String> approved = api.approve(request.planId(), "e2e-operator", "flapping looked into", false);

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
        RecoveryPlan run = awaitPlan(member, pastBudget, PlanMode.AUTO);
        assertThat(run.incidentId()).isEqualTo(request.incidentId());
        assertThat(run.revision()).isGreaterThan(request.revision());
        assertThat(run.modeReason()).contains("approved by e2e-operator");
        RecoveryReport report = awaitReportOf(run);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.CONSISTENT);
        await("no second plan, outcome or report").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> recoveries.plansFor(member.name(), pastBudget).size() == 2
                        && outcomesOf(run).size() == 1 && recoveries.reportsOf(List.of(request, run)).size() == 1);
        assertThat(outcomesOf(run)).singleElement().satisfies(outcome -> assertThat(outcome.outcome())
                .as(outcome.detail()).isEqualTo(Outcome.PLAN_COMPLETED));
        assertThat(MemberStarts.of(member).starts()).as("starts of %s after the approved restart", member.name())
                .isEqualTo(startsBefore + BUDGET + 1);
        System.out.printf("[flapping] %d kills restarted in %s%n", BUDGET + 1, Duration.between(firstKill,
                Instant.now()));
        awaitRecoveredAndNothingUnderWay(member, pastBudget);

        Instant fifth = killAndAwaitFault(member);
        RecoveryPlan again = awaitPlan(member, fifth, PlanMode.APPROVAL_REQUIRED);

        assertThat(again.modeReason()).as("the approved restart counts against the budget")
                .contains((BUDGET + 1) + " restart(s) within " + WINDOW);
        HttpResponse<String> rejected = api.reject(again.planId(), "e2e-operator", "replace its disk first");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(202);
        awaitStaysDownUnrestarted(member, startsBefore + BUDGET + 1);
        assertThat(recoveries.plansFor(member.name(), fifth)).as("a rejected request is never run")
                .containsExactly(again);
        stack.target().members().stream().filter(other -> other != member).forEach(other -> assertThat(
                MemberStarts.of(other)).as("healthy member %s untouched", other.name())
                .isEqualTo(healthyBefore.get(other.name())));
        assertThat(stack.events().deadLetters()).as("dead letters").isEmpty();
    }

    /** Kills {@code member} and returns the moment just before, once its PROCESS_DOWN fault is out. */
    private static Instant killAndAwaitFault(EtcdMember member) throws Exception {
        Instant since = Instant.now();
        stack.target().kill(member);
        await("PROCESS_DOWN of " + member.name()).atMost(RECOVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> faultOf(member, FaultKind.PROCESS_DOWN, since).isPresent());
        return since;
    }

    private static Optional<FaultEvent> faultOf(EtcdMember member, FaultKind kind, Instant since) {
        return stack.events().faults().stream().filter(fault -> member.name().equals(fault.nodeId()))
                .filter(fault -> fault.kind() == kind).filter(fault -> !fault.observedAt().isBefore(since))
                .findFirst();
    }

    private static RecoveryPlan awaitPlan(EtcdMember member, Instant since, PlanMode mode) {
        return await(mode + " plan for " + member.name()).atMost(RECOVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> recoveries.plansFor(member.name(), since).stream().filter(plan -> plan.mode() == mode)
                        .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static RecoveryReport awaitReport(EtcdMember member, Instant since) {
        return await("report for " + member.name()).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportFor(member.name(), since), Optional::isPresent).orElseThrow();
    }

    private static RecoveryReport awaitReportOf(RecoveryPlan plan) {
        return await("report of " + plan.planId()).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportsOf(List.of(plan)).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static List<PlanOutcome> outcomesOf(RecoveryPlan plan) {
        return stack.events().executions().stream().filter(PlanOutcome.class::isInstance).map(PlanOutcome.class::cast)
                .filter(outcome -> outcome.planId().equals(plan.planId())).toList();
    }

    /** Holds for {@link #STAYS_DOWN}: no process of {@code member} runs and its log shows {@code starts} starts. */
    private static void awaitStaysDownUnrestarted(EtcdMember member, long starts) {
        await(member.name() + " stays down, not restarted").during(STAYS_DOWN).atMost(STAYS_DOWN.multipliedBy(3))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    MemberStarts.Sample now = MemberStarts.of(member);
                    return now.process().isEmpty() && now.starts() == starts;
                });
    }

    /** The detector saw the member back (so a next kill is a new fault) and no incident is under way. */
    private static void awaitRecoveredAndNothingUnderWay(EtcdMember member, Instant since) {
        await("RECOVERED of " + member.name()).atMost(RECOVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> faultOf(member, FaultKind.RECOVERED, since).isPresent());
        awaitClusterWholeAndNothingUnderWay();
    }

    private static void awaitClusterWholeAndNothingUnderWay() {
        WholeTarget.await(stack, recoveries, etcd, RECOVERY);
    }
}
