package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.kind.ProbeResult;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.NetworkPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real network partition on the whole stack: target member m2 runs in its own network namespace, and taking its
 * end of the veth pair down cuts it off from the other members and from Revive while its process runs on. Revive
 * must never restart a member that is alive but cut off, and every report must say what was true when it was made.
 */
class PartitionedMemberIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);
    private static final Duration LONG_CUT = Duration.ofSeconds(10);
    private static final Duration SHORT_CUT = Duration.ofSeconds(2);
    private static final Set<Action> ACTING = Set.of(Action.STOP, Action.FORCE_KILL, Action.START);

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static TargetKinds kinds;
    private static NetworkPartition partition;
    private static EtcdMember isolated;

    @BeforeAll
    static void startRevive() throws Exception {
        // the third member (index 2) in its own network namespace: target().partition() cuts it off (needs root)
        stack = ReviveStack.startWithTarget(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[e2e] " + line), new PlainTarget(3, 2));
        recoveries = new Recoveries(stack.events());
        kinds = TargetKinds.standard(new TargetSettings(Duration.ofSeconds(2)));
        partition = stack.target().partition().orElseThrow();
        isolated = stack.target().isolatedMember().orElseThrow();
    }

    @AfterAll
    static void stopReviveAndLeaveNoProcessOrNamespaceBehind() {
        if (kinds != null) {
            kinds.close();
        }
        if (stack == null) {
            return;
        }
        String targetDir = stack.target().directory().toString();
        stack.close();

        assertThat(stack.services()).noneMatch(ServiceProcess::isAlive);
        assertThat(ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains(targetDir))).as("target processes left running").isEmpty();
        assertThat(Path.of("/var/run/netns", partition.namespace())).as("namespace left behind").doesNotExist();
    }

    @BeforeEach
    void everythingIsWholeAndNothingIsUnderWay() {
        // a scenario that failed may have left the isolated member stopped: a restart by Revive runs its command
        // outside the namespace, where its address does not exist, so the kit starts it again inside
        if (!isolated.isAlive()) {
            stack.target().restart(isolated);
        }
        await("every member healthy, nothing under way").atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> !partition.isCut() && allAnswer() && recoveries.nothingUnderWay() && detectorSeesIsolatedUp());
    }

    @Test
    void memberCutOffForTenSecondsIsNeverRestartedAndEveryReportIsRight() {
        // given the isolated member's process, and no incident under way
        MemberStarts.RunningProcess before = runningProcess();
        Instant since = Instant.now();

        // when it is cut off from the other members and from Revive, kept cut for 10 s from when Revive first sees
        // it unreachable (so the cut outlasts the confirm window by the same margin on a slow or a fast machine)
        Instant healedAt = cutWhileItRunsOn(before, since, LONG_CUT);

        // then Revive saw it unreachable while its process ran
        await("the incident is over").atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                .until(recoveries::nothingUnderWay);
        assertThat(faultsOfIsolated(since)).filteredOn(fault -> fault.kind() == FaultKind.UNREACHABLE).first()
                .satisfies(fault -> assertThat(fault.evidence()).containsEntry("processAlive", "true")
                        .containsKey("suspected"));
        // and nothing ever stopped or started a member, the cut one included
        assertThat(actingSteps(since)).as("steps that acted on a member (cut %s, healed at %s)", since, healedAt)
                .isEmpty();
        assertThat(currentProcess()).as("the cut member's process").hasValue(before);
        // and Revive saw it recover, still without acting on any member
        awaitWholeAgainAfterHeal(since);
        assertThat(actingSteps(since)).as("steps that acted on a member after the heal").isEmpty();
        // and every report is right: none says CONSISTENT while the member was cut off, every one after heal does
        // (a cut is only a notice, which has no plan to verify, so there may be none)
        List<RecoveryReport> reports = recoveries.reportsOf(plansSince(since));
        assertThat(reports).filteredOn(report -> report.timeline().verifiedAt().isBefore(healedAt))
                .extracting(RecoveryReport::verdict).doesNotContain(Verdict.CONSISTENT);
        assertThat(reports).filteredOn(report -> !report.timeline().verifiedAt().isBefore(healedAt))
                .extracting(RecoveryReport::verdict).allMatch(Verdict.CONSISTENT::equals);
    }

    @Test
    void memberCutOffForTwoSecondsGetsNoPlanAndNoRestart() {
        // given the isolated member's process
        MemberStarts.RunningProcess before = runningProcess();
        Instant since = Instant.now();

        // when it is cut off, kept cut for 2 s from when Revive first sees it unreachable, then healed
        cutWhileItRunsOn(before, since, SHORT_CUT);

        // then the cut was seen and its end, no plan acts on any member and the process is the same
        awaitWholeAgainAfterHeal(since);
        assertThat(faultsOfIsolated(since)).extracting(FaultEvent::kind).first().isEqualTo(FaultKind.UNREACHABLE);
        assertThat(plansSince(since)).as("plans that act on a member").isEmpty();
        assertThat(currentProcess()).as("the cut member's process").hasValue(before);
    }

    /**
     * Cuts the isolated member off, waits until the detector reports it UNREACHABLE, keeps it cut until
     * {@code seenFor} after that observation while asserting that it runs on as the same process, and heals it
     * (also on failure); returns when it was healed.
     */
    private static Instant cutWhileItRunsOn(MemberStarts.RunningProcess before, Instant since, Duration seenFor) {
        partition.cut();
        try {
            FaultEvent unreachable = await("Revive sees the cut member unreachable").atMost(RECOVERY)
                    .pollInterval(Duration.ofMillis(100)).until(() -> faultsOfIsolated(since).stream()
                            .filter(fault -> fault.kind() == FaultKind.UNREACHABLE).findFirst(), Optional::isPresent)
                    .orElseThrow();
            Duration rest = Duration.between(Instant.now(), unreachable.observedAt().plus(seenFor));
            if (!rest.isNegative()) {
                await("the cut member runs on as the same process for the whole cut").during(rest)
                        .atMost(rest.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> assertThat(currentProcess())
                                .as("the cut member's process; acting steps so far: %s", actingSteps(since))
                                .hasValue(before));
            }
        } finally {
            partition.heal();
        }
        return Instant.now();
    }

    /** Waits until the detector has seen the cut member UNREACHABLE and RECOVERED, every member answers, and the
     * incident has ended (cancelled, or planned, run and reported). */
    private static void awaitWholeAgainAfterHeal(Instant since) {
        await("the cut was seen and then its end").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> faultsOfIsolated(since).stream().map(FaultEvent::kind).toList(),
                        seen -> seen.contains(FaultKind.UNREACHABLE) && seen.contains(FaultKind.RECOVERED));
        stack.target().awaitHealthy(RECOVERY);
        await("every member answers, nothing under way").atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                .until(() -> allAnswer() && recoveries.nothingUnderWay());
    }

    /** True when the detector's newest fault of the isolated member, if any, says it recovered. */
    private static boolean detectorSeesIsolatedUp() {
        List<FaultEvent> faults = faultsOfIsolated(Instant.EPOCH);
        return faults.isEmpty() || faults.get(faults.size() - 1).kind() == FaultKind.RECOVERED;
    }

    private static MemberStarts.RunningProcess runningProcess() {
        return currentProcess().orElseThrow(() -> new AssertionError(isolated + " does not run"));
    }

    private static Optional<MemberStarts.RunningProcess> currentProcess() {
        return isolated.processHandle().map(handle ->
                new MemberStarts.RunningProcess(handle.pid(), handle.info().startInstant()));
    }

    private static List<FaultEvent> faultsOfIsolated(Instant since) {
        return stack.events().faults().stream().filter(fault -> isolated.name().equals(fault.nodeId()))
                .filter(fault -> !fault.observedAt().isBefore(since)).toList();
    }

    private static List<RecoveryPlan> plansSince(Instant since) {
        return stack.target().members().stream()
                .flatMap(member -> recoveries.plansFor(member.name(), since).stream()).distinct().toList();
    }

    /** Step events since {@code since} that stopped, killed or started a member (skipped or cancelled ones do not). */
    private static List<StepEvent> actingSteps(Instant since) {
        return plansSince(since).stream().flatMap(plan -> recoveries.stepsOf(plan).stream())
                .filter(step -> ACTING.contains(step.action()))
                .filter(step -> step.status() == StepStatus.SUCCEEDED || step.status() == StepStatus.FAILED
                        || step.status() == StepStatus.TIMED_OUT)
                .toList();
    }

    private static boolean allAnswer() {
        return stack.target().members().stream().allMatch(member -> kinds.probe(stack.spec().kind())
                .probe(stack.spec(), stack.spec().node(member.name()).orElseThrow()).outcome()
                == ProbeResult.Outcome.ANSWERED);
    }
}
