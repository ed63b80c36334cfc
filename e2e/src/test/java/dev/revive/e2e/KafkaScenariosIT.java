package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.kafka.KafkaChecks;
import dev.revive.targets.kafka.KafkaDataChecks;
import dev.revive.testkit.KafkaNode;
import dev.revive.testkit.KafkaTargetCluster;
import dev.revive.testkit.KafkaWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The target Kafka cluster of the data-collection system (kind kafka, three KRaft nodes as separate processes, the
 * Connect cluster collecting over it) broken while a writer ({@code acks=all}, idempotent) writes to a topic of its
 * own: Revive must restart the broker one at a time, report the recovery consistent once, and the writer must find
 * every acknowledged record exactly once. A cluster-wide alert gets a rolling restart, the active controller last. Each scenario picks its node, topic and time marker; none depends on
 * another's order or leftovers.
 */
@Tag("runs-alone") // it runs a three-broker target cluster and a producer throughout: it loads the machine on its own
class KafkaScenariosIT {

    private static final Duration RECOVERY = Duration.ofMinutes(3);
    private static final Duration WRITER_PACE = Duration.ofMillis(20);
    private static final List<Action> RESTART = List.of(Action.SNAPSHOT, Action.STOP, Action.FORCE_KILL,
            Action.CLEAN_TEMP, Action.START, Action.AWAIT_HEALTHY, Action.AWAIT_CAUGHT_UP);
    private static final Set<String> KAFKA_CHECKS = Set.of(KafkaChecks.BROKERS, KafkaChecks.PARTITIONS,
            KafkaChecks.QUORUM, KafkaDataChecks.HIGH_WATERMARKS, KafkaDataChecks.CANARY);

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static KafkaTargetCluster kafka;
    private static OperatorApi api;
    private static final List<KafkaWriter> writers = new ArrayList<>();

    @BeforeAll
    static void startReviveWithTheCollectionSystem() throws Exception {
        stack = ReviveStack.startWithCollection(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[e2e] " + line));
        recoveries = new Recoveries(stack.events());
        kafka = stack.collection().kafka();
        api = new OperatorApi(stack);
    }

    @AfterAll
    static void stopReviveAndLeaveNoBrokerBehind() {
        if (stack == null) {
            return;
        }
        String kafkaDir = kafka.directory().toString();
        stack.close();

        assertThat(ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse(""))
                .filter(commandLine -> commandLine.contains(kafkaDir))).as("Kafka nodes left running").isEmpty();
    }

    @BeforeEach
    void clusterIsWholeAndNoRecoveryIsUnderWay() {
        kafka.awaitNoUnderReplicated(RECOVERY);
        await("every plan reported").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(recoveries::nothingUnderWay);
    }

    @AfterEach
    void stopWritersLeftByAFailure() {
        writers.forEach(KafkaWriter::close);
        writers.clear();
    }

    @Test
    void killedFollowerBrokerIsRestartedOnceAndEveryAcknowledgedRecordIsThereExactlyOnce() {
        KafkaNode controller = kafka.activeController();
        KafkaNode follower = kafka.followers().get(0);
        long pid = follower.pid().orElseThrow();
        KafkaWriter writer = startWriter("follower");
        Instant since = Instant.now();

        kafka.kill(follower);

        RecoveryReport report = awaitReportFor(follower, since);
        KafkaWriter.Counts counts = writer.verifyExactlyOnce();
        print("follower " + follower.name() + " killed (controller " + controller.name() + ")", counts);
        assertRestartedInOrder(follower, since);
        assertConsistentOnceWithKafkaChecksPassing(report, follower, since);
        assertThat(counts.missingAcked()).as("acknowledged records missing").isZero();
        assertThat(counts.duplicates()).as("duplicates").isZero();
        assertThat(counts.acknowledged()).as("records acknowledged").isPositive();
        assertBackWithNewProcess(follower, pid);
        assertBaselineRecordedAndCompared(follower, since, report);
    }

    @Test
    void killedActiveControllerIsReplacedAndRejoinsAndEveryAcknowledgedRecordIsThereExactlyOnce() {
        KafkaNode controller = kafka.activeController();
        long pid = controller.pid().orElseThrow();
        KafkaWriter writer = startWriter("controller");
        Instant since = Instant.now();

        kafka.kill(controller);

        KafkaNode elected = await("a new active controller").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> kafka.findActiveController().filter(node -> node != controller), Optional::isPresent)
                .orElseThrow();
        RecoveryReport report = awaitReportFor(controller, since);
        KafkaWriter.Counts counts = writer.verifyExactlyOnce();
        print("active controller " + controller.name() + " killed, " + elected.name() + " elected", counts);
        assertThat(elected).isNotSameAs(controller);
        assertRestartedInOrder(controller, since);
        assertConsistentOnceWithKafkaChecksPassing(report, controller, since);
        assertThat(counts.missingAcked()).as("acknowledged records missing").isZero();
        assertThat(counts.duplicates()).as("duplicates").isZero();
        assertThat(counts.acknowledged()).as("records acknowledged").isPositive();
        assertBackWithNewProcess(controller, pid);
        assertThat(kafka.findActiveController()).as("the quorum has a leader").isPresent();
        assertBaselineRecordedAndCompared(controller, since, report);
    }

    @Test
    void secondBrokerKilledWhileTheFirstIsDownIsNotTouchedUntilTheFirstIsBack() throws Exception {
        List<KafkaNode> followers = kafka.followers();
        KafkaNode first = followers.get(0);
        KafkaNode second = followers.get(1);
        Instant since = Instant.now();
        kafka.kill(first);
        await("the fault of " + first.name() + " seen").atMost(RECOVERY).pollInterval(Duration.ofMillis(100))
                .until(() -> !faultsOf(first, since).isEmpty());

        kafka.kill(second);

        Set<String> approved = new HashSet<>();
        await("both brokers back and reported").atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    approveOnceBack(first, second, since, approved);
                    return !recoveries.reportsOf(plansFor(first, since)).isEmpty()
                            && recoveries.reportsOf(plansFor(second, since)).stream()
                                    .anyMatch(report -> report.verdict() == Verdict.CONSISTENT);
                });
        Instant firstBack = startOf(first, since);
        List<StepEvent> takeDowns = recoveries.stepsOf(plansFor(second, since)).stream()
                .filter(step -> step.action() == Action.STOP || step.action() == Action.FORCE_KILL)
                .filter(step -> step.status().isDone()).toList();
        System.out.printf("[kafka-guard] %s back at %s; plans for %s: %s; approved by the test: %s%n", first.name(),
                firstBack, second.name(), plansFor(second, since).stream().map(plan -> plan.mode() + " created "
                        + plan.createdAt() + " (" + plan.modeReason() + ") " + recoveries.stepsOf(plan).stream()
                        .map(step -> step.stepId() + " " + step.status() + " at " + step.at()).toList()).toList(),
                approved);
        assertThat(takeDowns).as("stop/force-kill of " + second.name() + " while " + first.name() + " was down")
                .isNotEmpty().allSatisfy(step -> assertThat(step.at()).isAfterOrEqualTo(firstBack));
        assertThat(first.isAlive()).as(first.name() + " runs").isTrue();
        assertThat(second.isAlive()).as(second.name() + " runs").isTrue();
        kafka.awaitNoUnderReplicated(RECOVERY);
    }

    @Test
    void sickClusterIsRolledOneBrokerAtATimeWithTheActiveControllerLast() throws Exception {
        KafkaNode controller = kafka.activeController();
        Map<String, Long> pids = new HashMap<>();
        kafka.nodes().forEach(node -> pids.put(node.name(), node.pid().orElseThrow()));
        KafkaWriter writer = startWriter("rolling");

        RollingRestarts roll = RollingRestarts.alert(api, recoveries, CollectionTargets.KAFKA_ID, "KafkaClusterSick");

        KafkaWriter.Counts counts = writer.verifyExactlyOnce();
        System.out.println("[kafka-rolling] controller " + controller.name() + "; " + roll.trail());
        print("rolling restart, controller " + controller.name() + " last", counts);
        assertThat(roll.plan().steps().get(0).action()).isEqualTo(Action.SNAPSHOT);
        RollingOrder.assertRolledOneAtATime(roll, kafka.nodes().size(), controller.name());
        RecoveryReport report = roll.report();
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        assertThat(report.checks()).filteredOn(check -> KAFKA_CHECKS.contains(check.name())).hasSize(KAFKA_CHECKS.size())
                .allSatisfy(check -> assertThat(check.status()).as(check.toString()).isEqualTo(CheckStatus.PASS));
        assertThat(report.checks()).filteredOn(check -> check.name().equals(KafkaDataChecks.HIGH_WATERMARKS))
                .singleElement().satisfies(check -> assertThat(check.evidence()).containsKey("partitions compared"));
        assertThat(counts.missingAcked()).as("acknowledged records missing").isZero();
        assertThat(counts.duplicates()).as("duplicates").isZero();
        kafka.nodes().forEach(node -> assertThat(node.pid().orElseThrow()).as(node.name() + " runs as a new process")
                .isNotEqualTo(pids.get(node.name())));
    }

    private static KafkaWriter startWriter(String scenario) {
        String topic = "e2e-" + scenario + "-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.createTopic(topic, 3);
        KafkaWriter writer = KafkaWriter.start(kafka.bootstrap(), topic, WRITER_PACE);
        writers.add(writer);
        await("the writer writes to " + topic).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> writer.acknowledged() >= 20);
        return writer;
    }

    private static void assertConsistentOnceWithKafkaChecksPassing(RecoveryReport report, KafkaNode node,
            Instant since) {
        assertThat(report.verdict()).as(report.checks().toString()).isEqualTo(Verdict.CONSISTENT);
        assertThat(report.clusterId()).isEqualTo(CollectionTargets.KAFKA_ID);
        report.checks().stream().filter(check -> KAFKA_CHECKS.contains(check.name()))
                .forEach(check -> System.out.println("[kafka-check] " + node.name() + " " + check));
        assertThat(report.checks()).extracting(CheckResult::name).containsAll(KAFKA_CHECKS);
        assertThat(report.checks()).filteredOn(check -> KAFKA_CHECKS.contains(check.name()))
                .allSatisfy(check -> assertThat(check.status()).as(check.toString()).isEqualTo(CheckStatus.PASS));
        assertThat(recoveries.reportsOf(plansFor(node, since))).as("reports of the plans for " + node.name())
                .hasSize(1);
    }

    /** One AUTO plan for the node whose steps, snapshot (baseline) first, ran in order on that node and succeeded. */
    private static void assertRestartedInOrder(KafkaNode node, Instant since) {
        List<RecoveryPlan> plans = plansFor(node, since);
        assertThat(plans).as("plans for " + node.name()).singleElement()
                .satisfies(plan -> assertThat(plan.mode()).isEqualTo(PlanMode.AUTO));
        RecoveryPlan plan = plans.get(0);
        assertThat(plan.steps()).extracting(PlanStep::action).containsExactlyElementsOf(RESTART);
        assertThat(plan.steps()).extracting(PlanStep::nodeId).containsOnly(node.name());
        List<StepEvent> steps = recoveries.stepsOf(plan);
        String trail = steps.stream().map(step -> step.stepId() + " " + step.status() + ": " + step.detail()).toList()
                .toString();
        System.out.println("[kafka-steps] " + node.name() + " " + trail);
        List<StepEvent> done = steps.stream().filter(step -> step.status().isDone())
                .filter(step -> step.action() != Action.SNAPSHOT).toList();
        assertThat(done).as(trail).extracting(StepEvent::action)
                .containsExactlyElementsOf(RESTART.subList(1, RESTART.size()));
        assertThat(done).extracting(StepEvent::nodeId).containsOnly(node.name());
        assertThat(done).filteredOn(step -> step.action() == Action.START).singleElement()
                .satisfies(start -> assertThat(start.status()).isEqualTo(StepStatus.SUCCEEDED));
        assertThat(done).extracting(StepEvent::at).isSorted();
    }

    /**
     * The plan's SNAPSHOT step recorded the baseline before the restart, and the report's high-watermark check
     * compared every partition with it (without a baseline that check passes and says so, which proves nothing).
     */
    private static void assertBaselineRecordedAndCompared(KafkaNode node, Instant since, RecoveryReport report) {
        RecoveryPlan plan = plansFor(node, since).get(0);
        assertThat(recoveries.stepsOf(plan)).filteredOn(step -> step.action() == Action.SNAPSHOT)
                .filteredOn(step -> step.status().isTerminal()).as("the baseline step of " + node.name())
                .singleElement().satisfies(step -> assertThat(step.status()).as(step.detail())
                        .isEqualTo(StepStatus.SUCCEEDED));
        assertThat(report.checks()).filteredOn(check -> check.name().equals(KafkaDataChecks.HIGH_WATERMARKS))
                .singleElement().satisfies(check -> assertThat(check.evidence())
                        .as("high watermarks compared with the plan's baseline").containsKey("partitions compared"));
    }

    private static void assertBackWithNewProcess(KafkaNode node, long oldPid) {
        assertThat(node.isAlive()).as(node.name() + " runs").isTrue();
        assertThat(node.pid().orElseThrow()).as(node.name() + " runs as a new process").isNotEqualTo(oldPid);
        kafka.awaitNoUnderReplicated(Duration.ofSeconds(30));
    }

    private static RecoveryReport awaitReportFor(KafkaNode node, Instant since) {
        return await("report for " + node.name()).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportsOf(plansFor(node, since)).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** Plans of the Kafka cluster for the node since the marker (node ids such as k1 are unique only per cluster). */
    private static List<RecoveryPlan> plansFor(KafkaNode node, Instant since) {
        return recoveries.plansFor(node.name(), since).stream()
                .filter(plan -> plan.clusterId().equals(CollectionTargets.KAFKA_ID)).toList();
    }

    /** As an operator would: approves a plan for {@code second} that waits for approval once {@code first} is back. */
    private static void approveOnceBack(KafkaNode first, KafkaNode second, Instant since, Set<String> approved)
            throws Exception {
        if (recoveries.reportsOf(plansFor(first, since)).isEmpty()) {
            return;
        }
        for (RecoveryPlan plan : plansFor(second, since)) {
            boolean newest = recoveries.newestRevisions().get(plan.incidentId()).equals(plan);
            if (plan.mode() == PlanMode.APPROVAL_REQUIRED && newest && approved.add(plan.planId())) {
                api.approve(plan.planId(), "e2e-operator", first.name() + " is back", false);
            }
        }
    }

    /** When the START step of the node's first plan since the marker succeeded: the node was back from then. */
    private static Instant startOf(KafkaNode node, Instant since) {
        return recoveries.stepsOf(plansFor(node, since)).stream()
                .filter(step -> step.action() == Action.START && step.status() == StepStatus.SUCCEEDED)
                .map(StepEvent::at).min(Instant::compareTo).orElseThrow();
    }

    private static List<FaultEvent> faultsOf(KafkaNode node, Instant since) {
        return stack.events().faults().stream().filter(fault -> fault.clusterId().equals(CollectionTargets.KAFKA_ID))
                .filter(fault -> node.name().equals(fault.nodeId()))
                .filter(fault -> !fault.observedAt().isBefore(since)).toList();
    }

    private static void print(String scenario, KafkaWriter.Counts counts) {
        System.out.printf("[kafka-counts] %s: acknowledged %d, found %d, missing %d, duplicates %d, failed sends %d%n",
                scenario, counts.acknowledged(), counts.found(), counts.missingAcked(), counts.duplicates(),
                counts.failedSends());
    }
}
