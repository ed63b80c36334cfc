package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revive scaled out on Kafka (issue 7 §4): two instances of each of the four services (one group per service, one
 * Streams application id), every Revive topic with six partitions, and ten three-member target etcd clusters that
 * both detectors probe. One member of every cluster is killed at once; every incident must be handled exactly once
 * across the instances: one executed plan, one outcome, one CONSISTENT report, the member started exactly once
 * (counted on the target: etcd's own start lines in its log), no healthy member touched, no dead letter. Then the
 * same again with one instance of each service killed (kill -9) while the incidents are in flight: the survivors
 * take the dead instances' partitions, every incident still ends once, and every key written meanwhile is on every
 * member. Each test starts from whole clusters, every instance running and nothing under way.
 */
@Tag("runs-alone") // it runs eight service instances and thirty etcd members: it loads the machine on its own
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final int INSTANCES = 2;
    private static final int CLUSTERS = 10;
    private static final int PARTITIONS = 6;
    private static final List<String> SERVICES = List.of("detector", "planner", "executor", "verifier");
    private static final Duration RECOVERY = Duration.ofMinutes(6);
    private static final int KEYS = 20;

    /** How long a killed instance may take to be ready again on a loaded machine. */
    private static final Duration RELAUNCH = Duration.ofMinutes(5);

    /** Kept when a test fails: the services' logs are the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static EtcdAdapter etcd;
    private static int round;

    /** The incident of one killed member of one target cluster, as the event log shows it. */
    private record Incident(String clusterId, EtcdCluster cluster, EtcdMember member, Instant since,
            Set<String> earlierIncidents) {

        List<RecoveryPlan> plans() {
            return stack.events().plans().stream().filter(plan -> plan.clusterId().equals(clusterId))
                    .filter(plan -> !plan.createdAt().isBefore(since))
                    .filter(plan -> !earlierIncidents.contains(plan.incidentId()))
                    .filter(plan -> plan.steps().stream().anyMatch(step -> step.nodeId().equals(member.name())))
                    .toList();
        }

        /** The incident the kill opened: that of the first executable plan for the member since the kill. */
        Optional<String> incidentId() {
            return plans().stream().filter(plan -> plan.mode().executable()).map(RecoveryPlan::incidentId)
                    .findFirst();
        }

        /** The executable plans of the kill's incident (exactly one when it was handled once). */
        List<RecoveryPlan> executedPlans() {
            Optional<String> incidentId = incidentId();
            return plans().stream().filter(plan -> plan.mode().executable())
                    .filter(plan -> incidentId.isPresent() && plan.incidentId().equals(incidentId.get())).toList();
        }

        /**
         * Other incidents since the kill, for this member, opened by a PROCESS_DOWN fault of it: the duplicate fault
         * of the second detector (or a repeated one) that the planner did not absorb into the kill's incident.
         */
        Map<String, List<String>> duplicateIncidents() {
            Set<String> processDown = stack.events().faults().stream()
                    .filter(fault -> fault.clusterId().equals(clusterId) && member.name().equals(fault.nodeId()))
                    .filter(fault -> fault.kind() == FaultKind.PROCESS_DOWN).map(FaultEvent::faultId)
                    .collect(Collectors.toSet());
            Optional<String> incidentId = incidentId();
            return plans().stream().filter(plan -> !plan.incidentId().equals(incidentId.orElse("")))
                    .filter(plan -> plan.reason().stream().anyMatch(processDown::contains))
                    .collect(Collectors.groupingBy(RecoveryPlan::incidentId, TreeMap::new,
                            Collectors.mapping(plan -> plan.planId() + " " + plan.mode() + " " + plan.reason(),
                                    Collectors.toList())));
        }

        /** Every plan for the member since the kill, its outcome and report, for failure messages. */
        String history() {
            return plans().stream().map(plan -> plan.planId() + " " + plan.mode() + " reason " + plan.reason()
                    + " outcomes " + stack.events().executions().stream().filter(PlanOutcome.class::isInstance)
                            .map(PlanOutcome.class::cast).filter(outcome -> outcome.planId().equals(plan.planId()))
                            .map(outcome -> outcome.outcome() + ": " + outcome.detail()).toList()
                    + " reports " + recoveries.reportsOf(List.of(plan)).stream().map(RecoveryReport::verdict).toList())
                    .collect(Collectors.joining("\n  ", "\n  ", ""));
        }

        List<StepEvent> steps() {
            return recoveries.stepsOf(executedPlans());
        }

        List<PlanOutcome> outcomes() {
            return recoveries.outcomesOf(executedPlans());
        }

        List<RecoveryReport> reports() {
            return recoveries.reportsOf(executedPlans());
        }

        boolean startStepStarted() {
            return steps().stream().anyMatch(step -> step.action() == Action.START
                    && step.status() == StepStatus.STARTED);
        }

        @Override
        public String toString() {
            return clusterId + "/" + member.name();
        }
    }

    /** Every member's start count and process, and the dead-letter count, before a round. */
    private record Baseline(Map<String, MemberStarts.Sample> samples, int deadLetters) {

        static Baseline take() {
            Map<String, MemberStarts.Sample> samples = new HashMap<>();
            for (int index = 0; index < CLUSTERS; index++) {
                for (EtcdMember member : stack.targets().get(index).members()) {
                    samples.put(key(index, member), MemberStarts.of(member));
                }
            }
            return new Baseline(samples, stack.events().deadLetters().size());
        }
    }

    @BeforeAll
    static void startScaledOutRevive() throws Exception {
        stack = ReviveStack.startScaledOut(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[scale-out] " + line), INSTANCES, CLUSTERS, PARTITIONS);
        recoveries = new Recoveries(stack.events());
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopRevive() {
        Resources.closeAll(etcd, stack);
    }

    @BeforeEach
    void everyInstanceRunsEveryClusterWholeAndNothingUnderWay() throws Exception {
        for (ServiceProcess service : stack.services()) {
            if (!service.isAlive()) {
                service.relaunch();
                service.awaitReady(RELAUNCH);
            }
        }
        await("all members healthy, every instance ready, every plan reported").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> allMembersHealthy() && allServicesReady() && recoveries.nothingUnderWay());
    }

    @Test
    @Order(1)
    void oneMemberKilledInEachOfTenClustersIsRecoveredExactlyOnceAcrossTwoInstancesOfEachService() {
        Baseline baseline = Baseline.take();
        List<Incident> incidents = killOneMemberPerCluster();

        incidents.forEach(incident -> assertEndedOnce(incident, baseline));
        assertUntouchedAndNoDeadLetter(incidents, baseline);
    }

    @Test
    @Order(2)
    void oneInstanceOfEachServiceKilledMidIncidentsLetsTheSurvivorsEndEveryIncidentOnceWithNothingLost()
            throws Exception {
        Baseline baseline = Baseline.take();
        List<Incident> incidents = killOneMemberPerCluster();
        await("a START step under way").atMost(RECOVERY).pollInterval(Duration.ofMillis(20))
                .until(() -> incidents.stream().anyMatch(Incident::startStepStarted));
        long reportedBeforeKill = incidents.stream().filter(incident -> !incident.reports().isEmpty()).count();
        int victim = 1 + round % INSTANCES;
        for (String service : SERVICES) {
            stack.kill(service + "-" + victim);
        }
        String prefix = "scale-out/round-" + round;
        List<Integer> written = new ArrayList<>();
        for (EtcdCluster cluster : stack.targets()) {
            try (Workload workload = new Workload(cluster.endpoints())) {
                written.add(workload.write(prefix, KEYS));
            }
        }

        assertThat(reportedBeforeKill).as("incidents reported before the instances were killed")
                .isLessThan(incidents.size());
        incidents.forEach(incident -> assertEndedOnce(incident, baseline));
        assertUntouchedAndNoDeadLetter(incidents, baseline);
        assertThat(stack.services().stream().filter(service -> service.name().endsWith("-" + victim))
                .filter(ServiceProcess::isAlive).map(ServiceProcess::name).toList())
                .as("killed instances stayed down while the survivors finished").isEmpty();
        for (int index = 0; index < CLUSTERS; index++) {
            int expected = written.get(index);
            for (EtcdMember member : stack.targets().get(index).members()) {
                await(key(index, member) + " holds every acknowledged key").atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> Workload.countOn(member.clientUrl(), prefix) == expected);
            }
        }
    }

    /** Kills one member (a follower where the cluster has a leader now) in every target cluster, at once. */
    private static List<Incident> killOneMemberPerCluster() {
        Instant since = Instant.now();
        Set<String> earlier = recoveries.incidentsSoFar();
        List<Incident> incidents = IntStream.range(0, CLUSTERS).mapToObj(index -> {
            EtcdCluster cluster = stack.targets().get(index);
            EtcdMember leader = cluster.leader();
            List<EtcdMember> followers = cluster.members().stream().filter(member -> member != leader).toList();
            EtcdMember member = followers.get((round + index) % followers.size());
            return new Incident(stack.specs().get(index).id(), cluster, member, since, earlier);
        }).toList();
        round++;
        incidents.forEach(incident -> incident.cluster().kill(incident.member()));
        return incidents;
    }

    private static void assertEndedOnce(Incident incident, Baseline baseline) {
        await("report for " + incident).atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .until(() -> !incident.reports().isEmpty());
        await("no second plan, outcome or report for " + incident).during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(List.of(incident.executedPlans().size(), incident.outcomes().size(),
                        incident.reports().size())).as("plans, outcomes and reports of the incident of %s:%s",
                        incident, incident.history()).containsOnly(1));
        assertThat(incident.duplicateIncidents()).as("incidents of %s opened by a duplicate PROCESS_DOWN fault "
                + "the planner did not absorb:%s", incident, incident.history()).isEmpty();
        assertThat(incident.reports()).as("reports of %s", incident).singleElement()
                .satisfies(report -> assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.CONSISTENT));
        assertThat(incident.outcomes()).as("outcomes of %s", incident).singleElement()
                .satisfies(outcome -> assertThat(outcome.outcome()).as(outcome.detail())
                        .isEqualTo(Outcome.PLAN_COMPLETED));
        assertThat(incident.steps().stream().filter(step -> step.status() == StepStatus.SUCCEEDED)
                .collect(Collectors.groupingBy(StepEvent::stepId, Collectors.counting()))
                .values()).as("steps of %s that succeeded twice", incident).allMatch(count -> count == 1);
        int index = stack.targets().indexOf(incident.cluster());
        MemberStarts.Sample after = MemberStarts.of(incident.member());
        assertThat(after.starts()).as("starts of %s in its own log", incident)
                .isEqualTo(baseline.samples().get(key(index, incident.member())).starts() + 1);
        assertThat(after.process()).as("%s runs a process started after the kill", incident)
                .hasValueSatisfying(process -> assertThat(process.startedAt()).hasValueSatisfying(
                        startedAt -> assertThat(startedAt).isAfterOrEqualTo(incident.since().minusSeconds(1))));
    }

    private static void assertUntouchedAndNoDeadLetter(List<Incident> incidents, Baseline baseline) {
        for (Incident incident : incidents) {
            int index = stack.targets().indexOf(incident.cluster());
            incident.cluster().members().stream().filter(other -> other != incident.member())
                    .forEach(other -> assertThat(MemberStarts.of(other)).as("healthy member %s untouched",
                            key(index, other)).isEqualTo(baseline.samples().get(key(index, other))));
        }
        assertThat(stack.events().deadLetters()).as("dead letters").hasSize(baseline.deadLetters());
    }

    private static String key(int clusterIndex, EtcdMember member) {
        return stack.specs().get(clusterIndex).id() + "/" + member.name();
    }

    private static boolean allMembersHealthy() {
        return stack.targets().stream().flatMap(cluster -> cluster.members().stream())
                .allMatch(member -> etcd.isHealthy(member.clientUrl()));
    }

    private static boolean allServicesReady() {
        return stack.services().stream().allMatch(ServiceProcess::isReady);
    }
}
