package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.TriageResponse;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.runbooks.triage.TriageTable;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault storm (issue 7 §3): {@value StormFaults#FAULTS} fault events over {@value StormClusters#CLUSTERS}
 * registered clusters (distinct nodes, kinds, severities and sources) plus {@value StormFaults#DUPLICATES} exact
 * re-sends, while one member of each of the five real etcd clusters is really down (killed; the stack target's
 * fault comes from the detector, the others' from an external source). The storm runs once, before the tests;
 * each test checks one property of its outcome and stands alone. Expectations come from the triage table and the
 * incident rules ({@link StormExpectation}), never from what the planner emitted. The planner's throughput is
 * printed ({@link StormMeasurement}), never asserted: {@code scripts/bench-storm} keeps it.
 */
class FaultStormIT {

    private static final Duration SETTLE = Duration.ofMinutes(4);
    private static final long SEED = 7;

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static FaultStorm storm;
    private static StormFaults faults;
    private static StormExpectation expected;

    @BeforeAll
    static void runTheStorm() throws Exception {
        Clock clock = Clock.systemUTC();
        stack = ReviveStack.startWithProperties(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[storm] " + line), StormClusters.STACK_PROPERTIES);
        storm = FaultStorm.prepare(stack, clock, line -> System.out.println("[storm] " + line));
        faults = StormFaults.generate(storm.clusters(), clock.instant(), SEED);
        expected = StormExpectation.of(storm.clusters(), faults);
        FaultStorm.Published published = storm.publish(faults);
        storm.awaitSettled(faults, expected, SETTLE);
        StormMeasurement.of(faults, published, stack.events(), storm.clusters()).lines()
                .forEach(line -> System.out.println("[storm] " + line));
    }

    @AfterAll
    static void stopEverything() {
        Resources.closeAll(storm, stack);
    }

    @Test
    void paperClustersGetExactlyThePlansTheTriageTableGivesInOrder() {
        Map<String, List<StormExpectation.ExpectedPlan>> seen = stormPlans().stream()
                .filter(plan -> expected.plans().containsKey(plan.clusterId()))
                .collect(Collectors.groupingBy(RecoveryPlan::clusterId, Collectors.mapping(
                        StormExpectation.ExpectedPlan::seen, Collectors.toList())));
        expected.plans().forEach((cluster, plans) ->
                assertThat(seen.getOrDefault(cluster, List.of())).as("plans of %s", cluster).isEqualTo(plans));
        assertThat(expected.awaitingApproval()).as("the storm has clusters held by an approval request").isNotEmpty();
        assertThat(expected.kept()).as("and faults kept behind them").isNotEmpty();
        Set<String> named = named(stack.events().plans());
        assertThat(expected.kept()).as("faults kept on an incident awaiting approval").noneMatch(named::contains);
    }

    @Test
    void everyIncidentOfTheStormHasExactlyOnePlan() {
        Set<String> incidents = stormPlans().stream().map(RecoveryPlan::incidentId).collect(Collectors.toSet());
        Map<String, Long> plansPerIncident = stack.events().plans().stream()
                .filter(plan -> incidents.contains(plan.incidentId()))
                .collect(Collectors.groupingBy(RecoveryPlan::incidentId, Collectors.counting()));
        assertThat(plansPerIncident).isNotEmpty().allSatisfy((incident, count) ->
                assertThat(count).as("plans of incident %s", incident).isEqualTo(1L));
    }

    @Test
    void eachRealClusterRestartsOnlyItsDownMemberOnceWithAConsistentReport() {
        for (StormClusters.Real real : storm.clusters().real()) {
            String cluster = real.spec().id();
            List<RecoveryPlan> acting = stormPlans().stream()
                    .filter(plan -> plan.clusterId().equals(cluster) && plan.mode().executable()).toList();
            assertThat(acting).as("acting plans of %s", cluster).hasSize(1);
            RecoveryPlan restart = acting.get(0);
            assertThat(restart.mode()).isEqualTo(PlanMode.AUTO);
            assertThat(restart.steps()).extracting(PlanStep::nodeId).as("nodes %s acts on", restart.planId())
                    .containsOnly(real.victim().name());
            assertThat(restart.reason()).as("faults of %s", restart.planId()).contains(processDownOf(real).faultId());
            List<RecoveryReport> reports = stack.events().reports().stream()
                    .filter(report -> report.clusterId().equals(cluster)).toList();
            assertThat(reports).as("reports of %s", cluster).hasSize(1);
            assertThat(reports.get(0).planId()).isEqualTo(restart.planId());
            assertThat(reports.get(0).verdict()).as("verdict of %s: %s", cluster, reports.get(0).checks())
                    .isEqualTo(Verdict.CONSISTENT);
        }
    }

    @Test
    void onTheTargetsTheDownMembersStartedExactlyOnceAndNoHealthyMemberWasTouched() {
        Map<String, MemberStarts.Sample> before = storm.before();
        for (StormClusters.Real real : storm.clusters().real()) {
            real.cluster().awaitHealthy(EtcdCluster.START_TIMEOUT);
            for (EtcdMember member : real.cluster().members()) {
                MemberStarts.Sample was = before.get(member.name() + "@" + real.spec().id());
                MemberStarts.Sample now = MemberStarts.of(member);
                if (member == real.victim()) {
                    assertThat(now.starts()).as("starts of %s in %s", member.name(), real.spec().id())
                            .isEqualTo(was.starts() + 1);
                    assertThat(now.process()).isPresent().isNotEqualTo(was.process());
                } else {
                    assertThat(now).as("healthy %s in %s", member.name(), real.spec().id()).isEqualTo(was);
                }
            }
        }
    }

    @Test
    void noRealClusterEverFellBelowQuorumAndNothingActedOnAPaperCluster() {
        assertThat(storm.fewestRunning()).as("fewest members running per real cluster, sampled during the storm")
                .hasSize(StormClusters.REAL)
                .allSatisfy((cluster, running) -> assertThat(running).isGreaterThanOrEqualTo(2));
        Set<String> paper = expected.plans().keySet();
        assertThat(stack.events().plans()).filteredOn(plan -> paper.contains(plan.clusterId()))
                .noneMatch(plan -> plan.mode().executable());
        assertThat(stack.events().executions()).extracting(ExecutionEvent::clusterId).noneMatch(paper::contains);
    }

    @Test
    void everyOtherFaultOfARealClusterIsANoticeOfOneNode() {
        for (StormClusters.Real real : storm.clusters().real()) {
            String cluster = real.spec().id();
            Set<String> notices = faults.distinct().stream().filter(fault -> fault.clusterId().equals(cluster))
                    .filter(fault -> !StormFaults.isVictimDown(fault)).map(FaultEvent::faultId)
                    .collect(Collectors.toSet());
            List<RecoveryPlan> plans = stormPlans().stream().filter(plan -> plan.clusterId().equals(cluster))
                    .filter(plan -> !plan.mode().executable()).toList();
            assertThat(plans).as("non-acting plans of %s", cluster).allSatisfy(plan -> {
                assertThat(plan.mode()).isEqualTo(PlanMode.NOTICE);
                assertThat(notices).containsAll(plan.reason());
                assertThat(plan.reason().stream().map(this::fault).map(FaultEvent::nodeId).distinct())
                        .as("nodes of %s", plan.planId()).hasSize(1);
                assertThat(plan.reason()).allSatisfy(id -> assertThat(TriageTable.respond(real.spec(),
                        fault(id).kind(), fault(id).severity())).isEqualTo(TriageResponse.NOTICE));
            });
            List<String> named = plans.stream().flatMap(plan -> plan.reason().stream()).toList();
            assertThat(named).as("notices of %s named by a plan", cluster).hasSize(notices.size())
                    .containsExactlyInAnyOrderElementsOf(notices);
        }
    }

    @Test
    void everyDuplicateIsAbsorbed() {
        Set<String> duplicated = faults.duplicates().stream().map(FaultEvent::faultId).collect(Collectors.toSet());
        Map<String, Long> sent = stack.events().faults().stream().filter(fault -> duplicated.contains(fault.faultId()))
                .collect(Collectors.groupingBy(FaultEvent::faultId, Collectors.counting()));
        assertThat(sent).as("records of each duplicated fault on revive.faults").hasSize(duplicated.size())
                .allSatisfy((id, count) -> assertThat(count).isGreaterThanOrEqualTo(2L));
        Map<String, Long> plansNaming = stack.events().plans().stream().flatMap(plan -> plan.reason().stream())
                .filter(duplicated::contains).collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        assertThat(plansNaming).as("plans naming each duplicated fault")
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
    }

    @Test
    void nothingIsDeadLettered() {
        assertThat(stack.events().deadLetters()).extracting(EventLog.Entry::headers).isEmpty();
    }

    /**
     * The plans of the storm: those naming a fault of the storm or a victim's PROCESS_DOWN (for the stack's target,
     * the detector's). Not the registration notices, nor an incident of a slow member the detector took for a hung
     * one (a machine under load): their triage is the detector's business, and the target itself shows no healthy
     * member was touched.
     */
    private static List<RecoveryPlan> stormPlans() {
        Set<String> ids = faults.distinct().stream().map(FaultEvent::faultId).collect(Collectors.toSet());
        storm.clusters().real().forEach(real -> ids.add(processDownOf(real).faultId()));
        return stack.events().plans().stream().filter(plan -> plan.reason().stream().anyMatch(ids::contains)).toList();
    }

    private static Set<String> named(List<RecoveryPlan> plans) {
        return plans.stream().flatMap(plan -> plan.reason().stream()).collect(Collectors.toSet());
    }

    private FaultEvent fault(String faultId) {
        return faults.distinct().stream().filter(fault -> fault.faultId().equals(faultId)).findFirst().orElseThrow();
    }

    /** The PROCESS_DOWN of a real cluster's victim: the storm's, or the detector's for the stack's target. */
    private static FaultEvent processDownOf(StormClusters.Real real) {
        return stack.events().faults().stream().filter(fault -> fault.clusterId().equals(real.spec().id()))
                .filter(StormFaults::isVictimDown)
                .filter(fault -> real.victim().name().equals(fault.nodeId())).findFirst().orElseThrow();
    }
}
