package dev.revive.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.SigningKeys;
import dev.revive.contracts.trust.SpecHeaders;
import dev.revive.contracts.trust.SpecSignature;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdClusterResource;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.InjectEtcdCluster;
import dev.revive.testkit.InjectKafkaBroker;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.KafkaBrokerResource;
import dev.revive.testkit.TestSigningKey;
import dev.revive.testkit.ZooKeeperEnsemble;
import dev.revive.testkit.ZooKeeperNode;
import dev.revive.testkit.ZooKeeperSpecs;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier on a real Kafka broker, a real 3-member etcd cluster and (generic kind) a real ZooKeeper ensemble. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, initArgs = @ResourceArg(name = KafkaBrokerResource.TOPICS,
        value = Topics.Names.CLUSTERS + ":1:compact," + Topics.Names.FAULTS + "," + Topics.Names.PLANS + ","
                + Topics.Names.EXECUTIONS + "," + Topics.Names.REPORTS + "," + Topics.Names.DLQ))
@WithTestResource(value = EtcdClusterResource.class, initArgs = @ResourceArg(name = EtcdClusterResource.MEMBERS,
        value = "3"))
class VerifierIT {

    private static final Logger LOG = Logger.getLogger(VerifierIT.class);
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(60);
    /** The checks of an etcd cluster's report, in their order. */
    private static final List<String> ETCD_CHECKS = List.of("plan-completed", "members-answer", "single-leader",
            "applied-index-lag", "hash-kv-equal", "no-alarms", "members-healthy", "keys-match", "outage-writes-present",
            "snapshot", "restored-keyspace");
    /** The checks that count from the snapshot a plan took or restored: SKIPPED here, these plans do neither. */
    private static final List<String> SNAPSHOT_CHECKS = List.of("outage-writes-present", "snapshot",
            "restored-keyspace");

    @InjectKafkaBroker
    KafkaBroker broker;
    @InjectEtcdCluster
    EtcdCluster etcd;

    @TestHTTPResource("/q/health/ready")
    URI readiness;

    private TestKafka kafka;

    @BeforeEach
    void connect() {
        kafka = new TestKafka(broker.bootstrapServers());
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void isReadyOnceTheLoopRuns() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build();

        await().atMost(REPORT_TIMEOUT).until(() -> http.send(request, BodyHandlers.ofString()).statusCode() == 200);
    }

    @Test
    void healthyClusterGetsOneConsistentReportWithEveryCheckPassing() throws Exception {
        // given
        writeKeys(50);
        RecoveryPlan plan = registeredPlan("etcd-healthy", "inc-healthy");
        kafka.publish(Topics.EXECUTIONS, plan.clusterId(), step(plan));

        // when
        long start = System.nanoTime();
        kafka.publish(Topics.EXECUTIONS, plan.clusterId(), completed(plan));

        // then
        RecoveryReport report = awaitReport(plan);
        LOG.infof("healthy cluster verified and reported in %d ms",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(report.checks()).extracting(CheckResult::name).containsExactlyElementsOf(ETCD_CHECKS);
        assertThat(report.checks()).filteredOn(check -> !SNAPSHOT_CHECKS.contains(check.name()))
                .extracting(CheckResult::status).containsOnly(CheckStatus.PASS);
        assertThat(report.checks()).filteredOn(check -> SNAPSHOT_CHECKS.contains(check.name()))
                .extracting(CheckResult::status).containsOnly(CheckStatus.SKIPPED);
        assertThat(report.checks().get(4).evidence()).containsKeys("m0", "m1", "m2");
        assertThat(report.timeline().detectedAt()).isEqualTo(plan.detectedAt());
        assertThat(report.mttr()).isEqualTo(Duration.between(plan.detectedAt(), report.timeline().verifiedAt()));
        ConsumerRecord<byte[], byte[]> record = kafka.readAll(Topics.REPORTS).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(plan.clusterId())).findFirst()
                .orElseThrow();
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.REPORT);
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/revive/verifier");
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(report.reportId());
    }

    @Test
    void outcomeDeliveredTwiceIsReportedOnce() {
        // given
        RecoveryPlan plan = registeredPlan("etcd-twice", "inc-twice");
        RecoveryPlan later = registeredPlan("etcd-twice", "inc-twice-later");

        // when
        kafka.publish(Topics.EXECUTIONS, plan.clusterId(), completed(plan));
        kafka.publish(Topics.EXECUTIONS, plan.clusterId(), completed(plan));
        kafka.publish(Topics.EXECUTIONS, later.clusterId(), completed(later));

        // then: the later outcome is reported, so both copies before it were processed
        awaitReport(later);
        assertThat(kafka.reportsOf(plan.planId())).hasSize(1);
    }

    @Test
    void outcomeThatArrivesBeforeItsPlanWaitsForIt() {
        // given
        RecoveryPlan plan = Samples.plan("etcd-late-plan", "inc-late-plan");
        kafka.publish(Topics.CLUSTERS, plan.clusterId(), spec(plan.clusterId()));
        kafka.publish(Topics.EXECUTIONS, plan.clusterId(), completed(plan));

        // when
        kafka.publish(Topics.PLANS, plan.clusterId(), plan);

        // then
        assertThat(awaitReport(plan).verdict()).isEqualTo(Verdict.CONSISTENT);
    }

    @Test
    void abortedPlanIsReportedFailedWithTheReason() {
        // given
        RecoveryPlan plan = registeredPlan("etcd-aborted", "inc-aborted");

        // when
        RecoveryReport report = reportAfter(plan, Outcome.PLAN_ABORTED, "05-start FAILED: etcd exited with status 1");

        // then
        assertThat(report.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(report.checks().get(0).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.checks().get(0).observed()).contains("05-start FAILED");
    }

    @Test
    void killedMemberIsDegradedAfterTheSettleTime() {
        // given
        RecoveryPlan plan = registeredPlan("etcd-killed", "inc-killed");
        EtcdMember victim = etcd.member(2);
        etcd.kill(victim);
        try {
            // when
            long start = System.nanoTime();
            kafka.publish(Topics.EXECUTIONS, plan.clusterId(), completed(plan));

            // then
            RecoveryReport report = awaitReport(plan);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            LOG.infof("cluster with a killed member reported %s in %d ms", report.verdict(), millis);
            assertThat(report.verdict()).isEqualTo(Verdict.DEGRADED);
            assertThat(millis).isGreaterThanOrEqualTo(3_000);
            assertThat(status(report, "members-answer")).isEqualTo(CheckStatus.FAIL);
            assertThat(status(report, "hash-kv-equal")).isEqualTo(CheckStatus.PASS);
            assertThat(report.checks().get(1).evidence().get("m2")).startsWith("no answer");
        } finally {
            etcd.restart(victim);
            etcd.awaitHealthy(Duration.ofSeconds(30));
        }
    }

    @Test
    void cancelledPlanGetsOneReportAfterTheFullChecks() {
        // given
        RecoveryPlan plan = registeredPlan("etcd-cancelled", "inc-cancelled");

        // when
        RecoveryReport report = reportAfter(plan, Outcome.PLAN_CANCELLED, "fault no longer holds: m1 answers");

        // then
        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(report.checks()).extracting(CheckResult::name).containsExactlyElementsOf(ETCD_CHECKS);
        assertThat(report.checks().get(0).observed()).startsWith("PLAN_CANCELLED");
    }

    @Test
    void restartedZooKeeperFollowerOfAGenericClusterGetsOneConsistentReport(@TempDir Path work) {
        try (ZooKeeperEnsemble zookeeper = ZooKeeperEnsemble.start(3)) {
            // given: a follower killed and restarted, as a plan's START step would
            ClusterSpec spec = ZooKeeperSpecs.describe("zk-restarted", zookeeper, work);
            RecoveryPlan plan = Samples.plan(spec.id(), "inc-zk-restarted");
            kafka.publish(Topics.CLUSTERS, spec.id(), spec);
            kafka.publish(Topics.PLANS, spec.id(), plan);
            ZooKeeperNode follower = zookeeper.followers().get(0);
            zookeeper.kill(follower);
            Instant restartedAt = Instant.now();
            zookeeper.restart(follower);
            zookeeper.awaitServing(Duration.ofSeconds(30));
            zookeeper.touch();
            kafka.publish(Topics.EXECUTIONS, spec.id(), new StepEvent("exe-" + plan.planId() + "-05-start-1",
                    plan.planId(), plan.incidentId(), spec.id(), "05-start", Action.START, follower.name(), 1,
                    StepStatus.SUCCEEDED, "executor-0", 7, "started", restartedAt));

            // when
            kafka.publish(Topics.EXECUTIONS, spec.id(), completed(plan));

            // then
            RecoveryReport report = awaitReport(plan);
            assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
            assertThat(report.checks()).extracting(CheckResult::name).containsExactly("plan-completed",
                    ZooKeeperSpecs.RUOK, ZooKeeperSpecs.SERVING, ZooKeeperSpecs.ONE_LEADER,
                    ZooKeeperSpecs.FOLLOWERS_SYNCED, ZooKeeperSpecs.ZNODES_CAUGHT_UP, "no-new-errors");
            assertThat(report.checks().get(6).observed()).contains("since " + restartedAt);
        }
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndTheNextOutcomeIsReported() {
        // given
        RecoveryPlan plan = registeredPlan("etcd-garbage", "inc-garbage");
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);

        // when
        kafka.publishRaw(Topics.EXECUTIONS, plan.clusterId().getBytes(StandardCharsets.UTF_8), garbage);
        kafka.publish(Topics.EXECUTIONS, plan.clusterId(), completed(plan));

        // then
        assertThat(awaitReport(plan).verdict()).isEqualTo(Verdict.CONSISTENT);
        List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(Topics.DLQ).stream()
                .filter(record -> new String(record.value(), StandardCharsets.UTF_8).equals("{not json"))
                .collect(Collectors.toList());
        assertThat(dead).hasSize(1);
        assertThat(DeadLetters.reason(dead.get(0).headers())).isEqualTo(RejectReason.MALFORMED.name());
        assertThat(header(dead.get(0), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.Names.EXECUTIONS);
        assertThat(header(dead.get(0), DeadLetters.SERVICE)).isEqualTo("verifier-service");
    }

    @Test
    void recordOfOneMegabyteIsDeadLetteredCutAndTheNextOutcomeIsReported() {
        // given: a record that fits a default 1 MiB request alone, but not with the reason headers added
        RecoveryPlan plan = registeredPlan("etcd-huge", "inc-huge");
        byte[] huge = new byte[1024 * 1024 - 200];
        Arrays.fill(huge, (byte) 'h');

        // when
        kafka.publishRaw(Topics.EXECUTIONS, plan.clusterId().getBytes(StandardCharsets.UTF_8), huge);
        kafka.publish(Topics.EXECUTIONS, plan.clusterId(), completed(plan));

        // then
        assertThat(awaitReport(plan).verdict()).isEqualTo(Verdict.CONSISTENT);
        List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(Topics.DLQ).stream()
                .filter(record -> Integer.toString(huge.length).equals(header(record, DeadLetters.ORIGINAL_VALUE_SIZE)))
                .collect(Collectors.toList());
        assertThat(dead).hasSize(1);
        assertThat(DeadLetters.reason(dead.get(0).headers())).isEqualTo(RejectReason.MALFORMED.name());
        assertThat(header(dead.get(0), DeadLetters.TRUNCATED)).isEqualTo("value");
        assertThat(header(dead.get(0), DeadLetters.SERVICE)).isEqualTo("verifier-service");
        assertThat(dead.get(0).value()).hasSize(DeadLetters.MAX_VALUE_BYTES);
    }

    @Test
    void unsignedAndForgedSpecsAreDeadLetteredAndTheirOutcomesAreNeverReported() {
        // given: one cluster's spec unsigned, another's signed by an untrusted key under the trusted key's id
        ClusterSpec unsigned = spec("etcd-unsigned");
        ClusterSpec forged = spec("etcd-forged");
        PrivateKey stranger = SigningKeys.generate().getPrivate();
        String trustedId = SigningKeys.keyId(SigningKeys.publicKey(TestSigningKey.PUBLIC_KEY));
        kafka.publish(Topics.CLUSTERS, unsigned.id(), unsigned, (headers, bytes) -> { });
        kafka.publish(Topics.CLUSTERS, forged.id(), forged, (headers, bytes) -> SpecHeaders.write(headers,
                new SignedSpec(forged, bytes, trustedId, SpecSignature.sign(stranger, bytes))));
        RecoveryPlan unsignedPlan = Samples.plan(unsigned.id(), "inc-unsigned");
        kafka.publish(Topics.PLANS, unsigned.id(), unsignedPlan);
        RecoveryPlan signedPlan = registeredPlan("etcd-signed", "inc-signed");

        // when: the outcomes of both plans arrive
        kafka.publish(Topics.EXECUTIONS, unsigned.id(), completed(unsignedPlan));
        kafka.publish(Topics.EXECUTIONS, signedPlan.clusterId(), completed(signedPlan));

        // then: the signed cluster's plan is reported; the untrusted specs are dead letters and the unsigned
        // cluster's outcome finds no spec
        assertThat(awaitReport(signedPlan).verdict()).isEqualTo(Verdict.CONSISTENT);
        await().atMost(REPORT_TIMEOUT).until(() -> deadLetterReasons().containsKey(
                unsigned.id() + "/" + Topics.Names.EXECUTIONS));
        Map<String, String> reasons = deadLetterReasons();
        assertThat(reasons).containsEntry(unsigned.id() + "/" + Topics.Names.CLUSTERS, "UNTRUSTED_SPEC")
                .containsEntry(forged.id() + "/" + Topics.Names.CLUSTERS, "UNTRUSTED_SPEC")
                .containsEntry(unsigned.id() + "/" + Topics.Names.EXECUTIONS, "UNKNOWN_CLUSTER");
        assertThat(kafka.reportsOf(unsignedPlan.planId())).isEmpty();
    }

    /** The reason of each dead letter of the verifier, by {@code <key>/<source topic>}. */
    private Map<String, String> deadLetterReasons() {
        return kafka.readAll(Topics.DLQ).stream().filter(record -> record.key() != null)
                .filter(record -> "verifier-service".equals(header(record, DeadLetters.SERVICE)))
                .collect(Collectors.toMap(record -> new String(record.key(), StandardCharsets.UTF_8) + "/"
                        + header(record, DeadLetters.SOURCE_TOPIC), record -> DeadLetters.reason(record.headers()), (a, b) -> b));
    }

    private RecoveryPlan registeredPlan(String clusterId, String incidentId) {
        RecoveryPlan plan = Samples.plan(clusterId, incidentId);
        kafka.publish(Topics.CLUSTERS, clusterId, spec(clusterId));
        kafka.publish(Topics.PLANS, clusterId, plan);
        return plan;
    }

    private ClusterSpec spec(String clusterId) {
        List<EtcdMember> members = etcd.members();
        return Samples.etcd(clusterId, etcd.endpoints(),
                members.stream().map(EtcdMember::command).collect(Collectors.toList()),
                members.stream().map(member -> member.dataDir().toString()).collect(Collectors.toList()));
    }

    private static PlanOutcome completed(RecoveryPlan plan) {
        Instant now = Instant.now();
        return new PlanOutcome("exe-" + plan.planId() + "-completed", plan.planId(), plan.incidentId(),
                plan.clusterId(), Outcome.PLAN_COMPLETED, "executor-0", 7, "7 steps done", now.minusSeconds(5), now);
    }

    private static StepEvent step(RecoveryPlan plan) {
        return new StepEvent("exe-" + plan.planId() + "-05-start-1", plan.planId(), plan.incidentId(), plan.clusterId(),
                "05-start", Action.START, "m1", 1, StepStatus.SUCCEEDED, "executor-0", 7, "started", Instant.now());
    }

    /** Publishes that {@code plan} ended with {@code outcome} ({@code detail}) and waits for the plan's one report. */
    private RecoveryReport reportAfter(RecoveryPlan plan, Outcome outcome, String detail) {
        kafka.publish(Topics.EXECUTIONS, plan.clusterId(), Samples.outcome(plan, outcome, detail));
        return awaitReport(plan);
    }

    private RecoveryReport awaitReport(RecoveryPlan plan) {
        await().atMost(REPORT_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> !kafka.reportsOf(plan.planId()).isEmpty());
        List<RecoveryReport> reports = kafka.reportsOf(plan.planId());
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    private void writeKeys(int count) throws Exception {
        try (Client client = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build()) {
            for (int i : IntStream.range(0, count).toArray()) {
                ByteSequence key = ByteSequence.from("key-" + i, StandardCharsets.UTF_8);
                client.getKVClient().put(key, key).get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static CheckStatus status(RecoveryReport report, String name) {
        return report.checks().stream().filter(check -> check.name().equals(name)).findFirst().orElseThrow().status();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
