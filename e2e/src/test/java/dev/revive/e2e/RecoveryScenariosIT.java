package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdMember;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on real systems: a KRaft broker, a coordination etcd, a 3-member target
 * etcd and the four packaged services as separate processes. Each scenario breaks the target
 * cluster and waits for Revive to bring it back and report on it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryScenariosIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);
    private static final int KEYS = 100;

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static EtcdAdapter etcd;
    private static int scenario;
    private static Workload workload;

    @BeforeAll
    static void startRevive() throws Exception {
        stack = ReviveStack.start(DemoOptions.locateRepoRoot(), runDir, line -> System.out.println("[e2e] " + line));
        recoveries = new Recoveries(stack.events());
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
        workload = new Workload(stack.target().endpoints());
    }

    @AfterAll
    static void stopReviveAndLeaveNoProcessBehind() {
        if (workload != null) {
            workload.close();
        }
        if (etcd != null) {
            etcd.close();
        }
        if (stack == null) {
            return;
        }
        List<ServiceProcess> services = stack.services();
        String etcdDir = stack.target().directory().toString();
        stack.close();

        assertThat(services).noneMatch(ServiceProcess::isAlive);
        assertThat(ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse(""))
                .filter(commandLine -> commandLine.contains(etcdDir))).as("etcd members left running").isEmpty();
    }

    @BeforeEach
    void clusterIsWholeAndNoRecoveryIsUnderWay() {
        await("all members healthy, every plan reported").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> allMembersHealthy() && recoveries.nothingUnderWay());
    }

    @Test
    @Order(1)
    void killedFollowerIsRestartedAndReportedConsistentOnce() throws Exception {
        EtcdMember follower = follower();
        Instant since = Instant.now();

        stack.target().kill(follower);
        int written = workload.write("e2e/follower-down", KEYS);

        RecoveryReport report = awaitReportFor(follower, since);
        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(recoveries.reportsOf(recoveries.plansFor(follower.name(), since))).hasSize(1);
        assertThat(etcd.isHealthy(follower.clientUrl())).as("member back in the cluster").isTrue();
        awaitKeysOn(follower, "e2e/follower-down", written);
    }

    @Test
    @Order(2)
    void killedLeaderIsRestartedAndReportedConsistentOnce() throws Exception {
        EtcdMember leader = stack.target().leader();
        Instant since = Instant.now();

        stack.target().kill(leader);
        int written = workload.write("e2e/leader-down", KEYS);

        RecoveryReport report = awaitReportFor(leader, since);
        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(recoveries.reportsOf(recoveries.plansFor(leader.name(), since))).hasSize(1);
        assertThat(etcd.isHealthy(leader.clientUrl())).as("old leader back as a member").isTrue();
        assertThat(stack.target().findLeader()).isPresent();
        awaitKeysOn(leader, "e2e/leader-down", written);
    }

    @Test
    @Order(3)
    void faultPostedToDetectorLeadsToReport() throws Exception {
        EtcdMember member = follower();
        FaultEvent fault = externalFault("fault-posted", member, "alertmanager");

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.service("detector").url() + "/faults"))
                .header("Authorization", "Bearer " + stack.apiToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Topics.FAULTS.valueSerde().serializer()
                        .serialize(Topics.FAULTS.name(), fault)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(awaitReportCausedBy(Set.of(fault.faultId())).verdict()).isEqualTo(Verdict.CONSISTENT);
    }

    @Test
    @Order(4)
    void faultPublishedByPlainKafkaProducerLeadsToReport() {
        EtcdMember member = follower();
        FaultEvent fault = externalFault("fault-kafka", member, "other-system");
        String json = new String(Topics.FAULTS.valueSerde().serializer().serialize(Topics.FAULTS.name(), fault));

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.FAULTS.name(), fault.clusterId(), json));
        }

        assertThat(awaitReportCausedBy(Set.of(fault.faultId())).verdict()).isEqualTo(Verdict.CONSISTENT);
    }

    @Test
    @Order(5)
    void hundredDuplicateFaultsMakeOnePlanAndOneReport() {
        EtcdMember follower = follower();
        Instant since = Instant.now();
        stack.target().kill(follower);
        List<FaultEvent> duplicates = IntStream.range(0, 100)
                .mapToObj(i -> externalFault("fault-dup-" + i, follower, "flappy-monitor")).toList();

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            duplicates.forEach(fault -> producer.send(new ProducerRecord<>(Topics.FAULTS.name(),
                    fault.clusterId().getBytes(), Topics.FAULTS.valueSerde().serializer().serialize("", fault))));
        }

        RecoveryReport report = awaitReportFor(follower, since);
        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        Set<String> ids = duplicates.stream().map(FaultEvent::faultId).collect(Collectors.toSet());
        await("no second plan for the duplicates").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> recoveries.plansFor(follower.name(), since).size() == 1);
        assertThat(recoveries.reportsOf(recoveries.plansFor(follower.name(), since))).hasSize(1);
        assertThat(recoveries.plansCausedBy(ids)).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    @Order(6)
    void quorumLossOfTwoMembersIsRepairedOneMemberAtATime() throws Exception {
        List<EtcdMember> followers = stack.followers();
        Instant since = Instant.now();

        followers.forEach(stack.target()::kill);

        await("both members recovered and the cluster whole").atMost(RECOVERY.multipliedBy(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> followers.stream().allMatch(member -> recoveries.reportFor(member.name(), since).isPresent())
                        && allMembersHealthy());
        List<RecoveryPlan> plans = new ArrayList<>();
        for (EtcdMember member : followers) {
            List<RecoveryPlan> memberPlans = recoveries.plansFor(member.name(), since);
            assertThat(memberPlans).as("one plan for " + member.name()).hasSize(1);
            plans.add(memberPlans.get(0));
        }
        plans.sort(Comparator.comparing(RecoveryPlan::createdAt));
        assertThat(plans).extracting(RecoveryPlan::mode).containsOnly(PlanMode.AUTO);
        assertThat(firstStepOf(plans.get(1))).as("second member touched only after the first plan ended")
                .isAfterOrEqualTo(outcomeOf(plans.get(0)));
        assertThat(recoveries.reportsOf(List.of(plans.get(1)))).singleElement()
                .satisfies(report -> assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT));
    }

    @Test
    @Order(7)
    void everyExecutedPlanHasExactlyOneReportAndNothingWasRejected() {
        List<RecoveryPlan> plans = recoveries.executedPlans();
        List<RecoveryReport> reports = stack.events().reports();

        assertThat(plans).hasSizeGreaterThanOrEqualTo(7);
        Map<String, Long> reportsPerPlan = reports.stream()
                .collect(Collectors.groupingBy(RecoveryReport::planId, Collectors.counting()));
        assertThat(reportsPerPlan).hasSize(plans.size()).allSatisfy((plan, count) -> assertThat(count).isEqualTo(1));
        Set<String> incidents = new HashSet<>();
        plans.forEach(plan -> assertThat(incidents.add(plan.incidentId())).as("one plan per incident").isTrue());
        assertThat(stack.events().deadLetters()).isEmpty();
        stack.services().forEach(service -> assertThat(service.isAlive()).as(service.name()).isTrue());
    }

    private static RecoveryReport awaitReportFor(EtcdMember member, Instant since) {
        return await("report for " + member.name()).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportFor(member.name(), since), java.util.Optional::isPresent).orElseThrow();
    }

    private static RecoveryReport awaitReportCausedBy(Set<String> faultIds) {
        return await("report for " + faultIds).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportsOf(recoveries.plansCausedBy(faultIds)), reports -> !reports.isEmpty())
                .get(0);
    }

    private static Instant firstStepOf(RecoveryPlan plan) {
        return stack.events().executions().stream().filter(event -> event.planId().equals(plan.planId()))
                .map(ExecutionEvent::at).min(Instant::compareTo).orElseThrow();
    }

    private static Instant outcomeOf(RecoveryPlan plan) {
        return stack.events().executions().stream().filter(event -> event.planId().equals(plan.planId()))
                .filter(PlanOutcome.class::isInstance).map(ExecutionEvent::at).findFirst().orElseThrow();
    }

    private static void awaitKeysOn(EtcdMember member, String prefix, int expected) {
        await(member.name() + " holds every key written while it was down").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> Workload.countOn(member.clientUrl(), prefix) == expected);
    }

    private static FaultEvent externalFault(String id, EtcdMember member, String source) {
        return new FaultEvent(id, ReviveStack.CLUSTER_ID, member.name(), FaultKind.UNHEALTHY, Severity.CRITICAL,
                Instant.now(), source, Map.of("alert", "EtcdMemberUnhealthy"),
                ReviveStack.CLUSTER_ID + "/" + member.name() + "/external");
    }

    /** The followers in turn, so that the scenarios spread their restarts over the members. */
    private static EtcdMember follower() {
        List<EtcdMember> followers = stack.followers();
        return followers.get(scenario++ % followers.size());
    }

    private static boolean allMembersHealthy() {
        return stack.target().members().stream().allMatch(member -> etcd.isHealthy(member.clientUrl()));
    }

    private static Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }
}
