package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.kind.ProbeResult;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.Signals;
import dev.revive.testkit.ZooKeeperNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * What a fault deserves, on the whole stack with real processes: a 3-member etcd cluster and a 3-node ZooKeeper
 * ensemble (kind generic, checks declared in its spec). Each scenario breaks something, or says something as an
 * operator would, and waits for what Revive must do; none depends on another's order or leftovers.
 */
class TriageScenariosIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);
    private static final Duration SHORT_PAUSE = Duration.ofSeconds(2);

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static OperatorApi api;
    private static TargetKinds kinds;

    @BeforeAll
    static void startRevive() throws Exception {
        stack = ReviveStack.start(DemoOptions.locateRepoRoot(), runDir, line -> System.out.println("[e2e] " + line), true);
        recoveries = new Recoveries(stack.events());
        api = new OperatorApi(stack);
        kinds = TargetKinds.standard(new TargetSettings(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stopReviveAndLeaveNoProcessBehind() {
        if (kinds != null) {
            kinds.close();
        }
        if (stack == null) {
            return;
        }
        List<String> targetDirs = List.of(stack.target().directory().toString(), stack.zookeeper().directory().toString());
        stack.close();

        assertThat(stack.services()).noneMatch(ServiceProcess::isAlive);
        assertThat(ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse(""))
                .filter(line -> targetDirs.stream().anyMatch(line::contains))).as("target processes left running").isEmpty();
    }

    @BeforeEach
    void everythingIsWholeAndNothingIsUnderWay() {
        await("every member healthy, nothing under way").atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> allHealthy() && recoveries.nothingUnderWay());
    }

    @Test
    void killedZooKeeperFollowerIsRestartedAndReportedConsistentOnce() {
        ZooKeeperNode follower = stack.zookeeper().followers().get(0);
        Instant since = Instant.now();

        stack.zookeeper().kill(follower);

        RecoveryReport report = awaitReportFor(follower.name(), since);
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        assertThat(recoveries.reportsOf(recoveries.plansFor(follower.name(), since))).hasSize(1);
        assertThat(follower.isAlive()).as("follower runs again").isTrue();
        assertThat(report.checks()).extracting(check -> check.name()).contains("ruok", "one-leader",
                "followers-synced", "znodes-caught-up", "no-new-errors");
    }

    @Test
    void killedZooKeeperLeaderIsRestartedAndReportedConsistentOnce() {
        ZooKeeperNode leader = stack.zookeeper().leader();
        Instant since = Instant.now();

        stack.zookeeper().kill(leader);

        RecoveryReport report = awaitReportFor(leader.name(), since);
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        assertThat(recoveries.reportsOf(recoveries.plansFor(leader.name(), since))).hasSize(1);
        assertThat(stack.zookeeper().findLeader()).as("one leader again").isPresent();
    }

    @Test
    void etcdMemberPausedShorterThanTheConfirmWindowGetsNoPlanAndNoRestart() throws Exception {
        EtcdMember member = stack.followers().get(0);
        long pid = member.pid().orElseThrow();
        Instant startedAt = startTime(member);
        Instant since = Instant.now();

        Pauses.pauseFor(member.pid().orElseThrow(), SHORT_PAUSE);
        await("the hang was seen and then its end").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> faultsOf(member, since).stream().map(FaultEvent::kind).toList(),
                        kinds -> kinds.contains(FaultKind.UNREACHABLE) && kinds.contains(FaultKind.RECOVERED));
        FaultEvent marker = notice(member, "after-short-pause");
        api.postFault(marker);

        await("the marker, published after the recovery, was planned").atMost(RECOVERY)
                .until(() -> !recoveries.plansCausedBy(Set.of(marker.faultId())).isEmpty());
        assertThat(faultsOf(member, since)).extracting(FaultEvent::kind).first().isEqualTo(FaultKind.UNREACHABLE);
        assertThat(recoveries.plansFor(member.name(), since)).as("no plan acts on the paused member").isEmpty();
        assertThat(member.pid()).hasValue(pid);
        assertThat(startTime(member)).isEqualTo(startedAt);
    }

    @Test
    void etcdMemberPausedPastTheConfirmWindowIsRestartedExactlyOnce() {
        EtcdMember member = stack.followers().get(0);
        long pausedPid = member.pid().orElseThrow();
        Instant since = Instant.now();

        try {
            assertThat(Signals.send(pausedPid, "STOP")).isTrue();

            RecoveryReport report = awaitReportFor(member.name(), since);
            assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
            List<RecoveryPlan> plans = recoveries.plansFor(member.name(), since);
            assertThat(plans).singleElement().satisfies(plan -> assertThat(plan.mode()).isEqualTo(PlanMode.AUTO));
            assertThat(faultsOf(member, since)).extracting(FaultEvent::kind).first().isEqualTo(FaultKind.UNREACHABLE);
            assertThat(startsThatSucceeded(plans.get(0))).hasSize(1);
            assertThat(ProcessHandle.of(pausedPid).filter(ProcessHandle::isAlive)).as("the hung process is gone").isEmpty();
            assertThat(member.pid().orElseThrow()).as("one new process").isNotEqualTo(pausedPid);
        } finally {
            Signals.send(pausedPid, "CONT");
        }
    }

    @Test
    void diskFullWaitsForApprovalAndRunsOnceApproved() throws Exception {
        EtcdMember member = stack.followers().get(0);
        long pid = member.pid().orElseThrow();
        FaultEvent fault = external("disk-full", member, FaultKind.DISK_FULL, Severity.CRITICAL);

        assertThat(api.postFault(fault).statusCode()).isEqualTo(202);
        RecoveryPlan request = awaitPlan(fault, PlanMode.APPROVAL_REQUIRED);
        assertThat(request.modeReason()).isNotBlank();
        assertThat(request.steps()).extracting(step -> step.action()).contains(Action.STOP, Action.START);
        HttpResponse<String> approved = api.approve(request.planId(), "e2e-operator", "disk cleaned", false);

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
        RecoveryPlan run = awaitPlan(fault, PlanMode.AUTO);
        assertThat(run.incidentId()).isEqualTo(request.incidentId());
        assertThat(run.revision()).isGreaterThan(request.revision());
        RecoveryReport report = awaitReportOf(run);
        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(startsThatSucceeded(run)).hasSize(1);
        assertThat(member.pid().orElseThrow()).as("the member was restarted").isNotEqualTo(pid);
        assertThat(recoveries.reportsOf(List.of(request))).as("the request itself is never run").isEmpty();
    }

    @Test
    void rejectedPlanEscalatesWithANoticeAndTheNextFaultOnTheClusterIsPlannedAgain() throws Exception {
        EtcdMember member = stack.followers().get(0);
        long pid = member.pid().orElseThrow();
        FaultEvent fault = external("disk-full-rejected", member, FaultKind.DISK_FULL, Severity.CRITICAL);
        api.postFault(fault);
        RecoveryPlan request = awaitPlan(fault, PlanMode.APPROVAL_REQUIRED);

        HttpResponse<String> rejected = api.reject(request.planId(), "e2e-operator", "not now");

        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(202);
        FaultEvent next = external("unhealthy-after-reject", member, FaultKind.UNHEALTHY, Severity.CRITICAL);
        api.postFault(next);
        RecoveryPlan planned = awaitPlan(next, PlanMode.AUTO);
        assertThat(planned.incidentId()).isNotEqualTo(request.incidentId());
        assertThat(awaitReportOf(planned).verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(recoveries.newestRevisions().get(request.incidentId())).as("the escalation notice")
                .satisfies(notice -> {
                    assertThat(notice.revision()).isEqualTo(request.revision() + 1);
                    assertThat(notice.escalation()).isTrue();
                    assertThat(notice.steps()).isEmpty();
                    assertThat(notice.modeReason()).contains(request.planId() + " rejected by e2e-operator");
                });
        assertThat(outcomeOf(request)).as("a rejected plan is never run").isEmpty();
        assertThat(member.pid().orElseThrow()).as("restarted once, by the second plan").isNotEqualTo(pid);
    }

    @Test
    void dryRunRecordsWhatItWouldRunAndTouchesNoProcess() throws Exception {
        EtcdMember member = stack.followers().get(0);
        long pid = member.pid().orElseThrow();
        Instant startedAt = startTime(member);
        FaultEvent fault = external("disk-full-dry-run", member, FaultKind.DISK_FULL, Severity.CRITICAL);
        api.postFault(fault);
        RecoveryPlan request = awaitPlan(fault, PlanMode.APPROVAL_REQUIRED);

        api.approve(request.planId(), "e2e-operator", "show me first", true);

        RecoveryPlan dryRun = awaitPlan(fault, PlanMode.DRY_RUN);
        awaitReportOf(dryRun);
        List<StepEvent> steps = recoveries.stepsOf(dryRun);
        assertThat(steps).filteredOn(step -> step.status().isTerminal())
                .hasSize(dryRun.steps().size())
                .allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.DRY_RUN));
        assertThat(steps).filteredOn(step -> step.action() == Action.START && step.status() == StepStatus.DRY_RUN)
                .singleElement().satisfies(start -> assertThat(start.detail()).contains(member.command().get(0))
                        .contains(member.dataDir().toString()));
        assertThat(steps).filteredOn(step -> step.action() == Action.STOP && step.status() == StepStatus.DRY_RUN)
                .singleElement().satisfies(stop -> assertThat(stop.detail()).contains(Long.toString(pid)));
        assertThat(member.pid()).hasValue(pid);
        assertThat(startTime(member)).isEqualTo(startedAt);
    }

    @Test
    void tooManyOpenFilesInAMemberLogRaisesALogErrorCarryingTheLine() throws Exception {
        EtcdMember member = stack.followers().get(0);
        Instant since = Instant.now();
        String line = "{\"level\":\"warn\",\"msg\":\"accept tcp 127.0.0.1: accept4: too many open files\","
                + "\"error\":\"Too many open files\",\"probe\":\"" + UUID.randomUUID() + "\"}";

        Files.writeString(member.logFile(), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        FaultEvent fault = await("LOG_ERROR fault").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> faultsOf(member, since).stream().filter(f -> f.kind() == FaultKind.LOG_ERROR).findFirst(),
                        Optional::isPresent).orElseThrow();
        assertThat(fault.evidence()).containsEntry("line", line).containsEntry("rule", "too-many-open-files");
        assertThat(awaitReportFor(member.name(), since).verdict()).isEqualTo(Verdict.CONSISTENT);
    }

    private static RecoveryReport awaitReportFor(String nodeId, Instant since) {
        return await("report for " + nodeId).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportFor(nodeId, since), Optional::isPresent).orElseThrow();
    }

    private static RecoveryReport awaitReportOf(RecoveryPlan plan) {
        return await("report of " + plan.planId()).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportsOf(List.of(plan)), reports -> !reports.isEmpty()).get(0);
    }

    private static RecoveryPlan awaitPlan(FaultEvent fault, PlanMode mode) {
        return await(mode + " plan for " + fault.faultId()).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.plansCausedBy(Set.of(fault.faultId())).stream()
                        .filter(plan -> plan.mode() == mode).findFirst(), Optional::isPresent).orElseThrow();
    }

    private static Optional<PlanOutcome> outcomeOf(RecoveryPlan plan) {
        return stack.events().executions().stream().filter(PlanOutcome.class::isInstance).map(PlanOutcome.class::cast)
                .filter(outcome -> outcome.planId().equals(plan.planId())).findFirst();
    }

    private static List<StepEvent> startsThatSucceeded(RecoveryPlan plan) {
        return recoveries.stepsOf(plan).stream()
                .filter(step -> step.action() == Action.START && step.status() == StepStatus.SUCCEEDED).toList();
    }

    private static List<FaultEvent> faultsOf(EtcdMember member, Instant since) {
        return stack.events().faults().stream().filter(fault -> member.name().equals(fault.nodeId()))
                .filter(fault -> !fault.observedAt().isBefore(since)).toList();
    }


    private static boolean answers(EtcdMember member) {
        return kinds.probe(stack.spec().kind()).probe(stack.spec(), stack.spec().node(member.name()).orElseThrow())
                .outcome() == ProbeResult.Outcome.ANSWERED;
    }

    private static boolean allHealthy() {
        boolean etcd = stack.target().members().stream().allMatch(TriageScenariosIT::answers);
        boolean zookeeper = stack.zookeeperSpec().nodes().stream().allMatch(node ->
                kinds.probe(stack.zookeeperSpec().kind()).probe(stack.zookeeperSpec(), node).isSuccess());
        return etcd && zookeeper;
    }

    private static Instant startTime(EtcdMember member) {
        return member.processHandle().flatMap(handle -> handle.info().startInstant()).orElseThrow();
    }

    private static FaultEvent external(String id, EtcdMember member, FaultKind kind, Severity severity) {
        String unique = id + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new FaultEvent(unique, ReviveStack.CLUSTER_ID, member.name(), kind, severity, Instant.now(),
                "e2e-alertmanager", Map.of("alert", kind.name()), ReviveStack.CLUSTER_ID + "/" + member.name() + "/" + unique);
    }

    /** A WARNING about another member: the planner answers it with a NOTICE plan, a sign that it read that far. */
    private static FaultEvent notice(EtcdMember paused, String id) {
        EtcdMember other = stack.target().members().stream().filter(m -> m != paused).findFirst().orElseThrow();
        return external(id, other, FaultKind.UNHEALTHY, Severity.WARNING);
    }
}
