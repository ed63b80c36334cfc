package dev.revive.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.SigningKeys;
import dev.revive.contracts.trust.SpecHeaders;
import dev.revive.contracts.trust.SpecSignature;
import dev.revive.executor.plan.Fixtures;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdClusterResource;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.InjectEtcdCluster;
import dev.revive.testkit.InjectKafkaBroker;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.KafkaBrokerResource;
import dev.revive.testkit.TestSigningKey;
import io.etcd.jetcd.Client;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The executor service end to end: real Kafka, a real coordination etcd, a real 3-member target etcd. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class,
        initArgs = @ResourceArg(name = KafkaBrokerResource.TOPICS, value = ExecutorServiceIT.TOPICS))
@WithTestResource(value = EtcdClusterResource.class, initArgs = {
    @ResourceArg(name = EtcdClusterResource.MEMBERS, value = "1"),
    @ResourceArg(name = EtcdClusterResource.PROPERTY, value = "revive.executor.coordination.endpoints")})
class ExecutorServiceIT {

    static final String TOPICS = Topics.Names.CLUSTERS + ":1:compact," + Topics.Names.PLANS + ","
            + Topics.Names.EXECUTIONS + "," + Topics.Names.DLQ;

    private static final Logger LOG = Logger.getLogger(ExecutorServiceIT.class);
    private static final Duration PLAN_TIMEOUT = Duration.ofSeconds(90);
    private static TargetCluster target;

    @InjectKafkaBroker
    KafkaBroker broker;
    @InjectEtcdCluster
    EtcdCluster coordination;
    @TestHTTPResource("/q/health/ready")
    URI readiness;

    @BeforeAll
    static void startTargetCluster() throws Exception {
        target = TargetCluster.start(3);
    }

    @AfterAll
    static void stopTargetCluster() {
        target.close();
    }

    @AfterEach
    void everyMemberRunsAgain() {
        target.restartStoppedMembers();
    }

    @Test
    void restartsAKilledMemberAndRecordsEveryStep() throws Exception {
        // given: a registered three-member cluster, a follower killed with SIGKILL, junk in its temp dir
        EtcdMember leader = target.leader();
        EtcdMember victim = target.followers().get(0);
        target.leaveJunkInTempDir(victim);
        ClusterSpec spec = target.spec(Fixtures.CLUSTER);
        target.etcd().kill(victim);
        RecoveryPlan plan = Fixtures.plan("inc-kill", 1, PlanMode.AUTO,
                Fixtures.restartSteps(victim.name(), leader.name(), 2));

        // when: the spec and a node-restart plan are published
        long published;
        try (KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
            kafka.publish(Topics.CLUSTERS, spec.id(), spec);
            published = System.nanoTime();
            kafka.publish(Topics.PLANS, plan.clusterId(), plan);
            List<ConsumerRecord<byte[], byte[]>> records = awaitOutcome(kafka, plan.planId());
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - published);

            // then: the member is back and healthy, and every step is on revive.executions
            assertThat(victim.isAlive()).isTrue();
            try (TargetKinds kinds = TargetKinds.standard(new TargetSettings(Duration.ofSeconds(2)))) {
                assertThat(kinds.status(spec.kind()).read(spec).member(victim.name()).orElseThrow().healthy()).isTrue();
            }
            List<ExecutionEvent> events = decode(records, plan.planId());
            assertThat(terminalStatuses(events)).containsExactly(
                    "01-snapshot:SUCCEEDED", "02-stop:SKIPPED", "03-force-kill:SKIPPED", "04-clean-temp:SUCCEEDED",
                    "05-start:SUCCEEDED", "06-await-healthy:SUCCEEDED", "07-await-caught-up:SUCCEEDED");
            assertThat(events).filteredOn(StepEvent.class::isInstance).extracting(e -> ((StepEvent) e).status())
                    .filteredOn(StepStatus.STARTED::equals).hasSize(7);
            PlanOutcome outcome = (PlanOutcome) events.get(events.size() - 1);
            assertThat(outcome.outcome()).isEqualTo(Outcome.PLAN_COMPLETED);
            assertThat(outcome.startedAt()).isBeforeOrEqualTo(outcome.at());
            assertThat(records).allSatisfy(record -> {
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(Fixtures.CLUSTER);
                assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/revive/executor");
            });
            assertThat(target.backups().resolve(Fixtures.CLUSTER).resolve(plan.planId() + "-" + victim.name() + ".db"))
                    .exists();
            assertThat(target.tempDir(victim)).isEmptyDirectory();
            assertThat(coordinationValue("revive/fence/" + Fixtures.CLUSTER)).isEqualTo(plan.planId() + "/07-await-caught-up");
            assertThat(coordinationValue("revive/locks/" + Fixtures.CLUSTER)).isNull();
            LOG.infof("MEASURED member restart: plan published -> PLAN_COMPLETED in %d ms; %s", tookMillis,
                    startToHealthy(events));
        }
    }

    @Test
    void autoAndDryRunPlansRunAndBadRecordsGoToTheDeadLetterTopic() throws Exception {
        // given: a registered cluster
        ClusterSpec spec = target.spec(Fixtures.CLUSTER);
        EtcdMember first = target.etcd().member(0);
        long pid = first.pid().orElseThrow();
        RecoveryPlan dryRun = Fixtures.plan("inc-dry", 1, PlanMode.DRY_RUN,
                List.of(Fixtures.step("01-kill", Action.FORCE_KILL, first.name(), 1)));
        RecoveryPlan approval = Fixtures.plan("inc-approval", 1, PlanMode.APPROVAL_REQUIRED,
                List.of(Fixtures.step("01-kill", Action.FORCE_KILL, first.name(), 1)));
        RecoveryPlan unknownCluster = new RecoveryPlan("inc-lost-r1", "inc-lost", "etcd-unknown", 1, PlanScope.NODE,
                PlanMode.AUTO, null, List.of(), List.of(), Fixtures.T0, Fixtures.T0);
        RecoveryPlan check = Fixtures.plan("inc-check", 1, PlanMode.AUTO,
                List.of(Fixtures.step("01-await-healthy", Action.AWAIT_HEALTHY, first.name(), 1)));

        try (KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
            // when: a bad record, plans that must not run, and a plan that may run are published in that order
            kafka.publish(Topics.CLUSTERS, spec.id(), spec);
            kafka.publishRaw(Topics.Names.PLANS, Fixtures.CLUSTER, "{not json".getBytes(StandardCharsets.UTF_8));
            kafka.publish(Topics.PLANS, dryRun.clusterId(), dryRun);
            kafka.publish(Topics.PLANS, approval.clusterId(), approval);
            kafka.publish(Topics.PLANS, unknownCluster.clusterId(), unknownCluster);
            kafka.publish(Topics.PLANS, check.clusterId(), check);
            awaitOutcome(kafka, check.planId());

            // then: the AUTO plan ran, the dry run only described its kill; the bad ones are dead letters
            List<ExecutionEvent> executions = decode(kafka.readAll(Topics.Names.EXECUTIONS), null);
            List<String> planIds = executions.stream().map(ExecutionEvent::planId).distinct().toList();
            assertThat(planIds).contains(check.planId(), dryRun.planId()).doesNotContain(approval.planId());
            assertThat(terminalStatuses(decode(awaitOutcome(kafka, dryRun.planId()), dryRun.planId())))
                    .containsExactly("01-kill:DRY_RUN");
            assertThat(step(executions, "01-kill", StepStatus.DRY_RUN).detail())
                    .startsWith("would send SIGKILL to pid " + pid + " of " + first.name());
            assertThat(first.pid()).hasValue(pid);
            Map<String, String> reasons = kafka.readAll(Topics.Names.DLQ).stream().collect(Collectors.toMap(
                    record -> new String(record.value(), StandardCharsets.UTF_8), record -> DeadLetters.reason(record.headers()),
                    (a, b) -> b));
            assertThat(reasons).containsEntry("{not json", "MALFORMED");
            assertThat(reasons.values()).contains("UNKNOWN_CLUSTER");
        }
        HttpResponse<String> ready = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("executor-loop", "UP");
    }

    @Test
    void unsignedAndForgedSpecsAreDeadLetteredAndTheirPlansNeverRun() throws Exception {
        // given: the same cluster published unsigned, and signed by a key the executor does not trust but under
        // the trusted key's id; a kill plan for each; and a signed cluster with a harmless plan
        EtcdMember first = target.etcd().member(0);
        long pid = first.pid().orElseThrow();
        ClusterSpec unsigned = target.spec("etcd-unsigned");
        ClusterSpec forged = target.spec("etcd-forged");
        ClusterSpec signed = target.spec("etcd-signed");
        PrivateKey stranger = SigningKeys.generate().getPrivate();
        List<PlanStep> kill = List.of(Fixtures.step("01-kill", Action.FORCE_KILL, first.name(), 1));
        RecoveryPlan killUnsigned = new RecoveryPlan("inc-u-r1", "inc-u", unsigned.id(), 1, PlanScope.NODE,
                PlanMode.AUTO, null, List.of("fault-u"), kill, Fixtures.T0, Fixtures.T0);
        RecoveryPlan killForged = new RecoveryPlan("inc-f-r1", "inc-f", forged.id(), 1, PlanScope.NODE, PlanMode.AUTO,
                null, List.of("fault-f"), kill, Fixtures.T0, Fixtures.T0);
        RecoveryPlan check = new RecoveryPlan("inc-s-r1", "inc-s", signed.id(), 1, PlanScope.NODE, PlanMode.AUTO,
                null, List.of("fault-s"), List.of(Fixtures.step("01-await-healthy", Action.AWAIT_HEALTHY,
                first.name(), 1)), Fixtures.T0, Fixtures.T0);

        try (KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
            // when: the specs and then the plans are published
            kafka.publish(Topics.CLUSTERS, unsigned.id(), unsigned, (headers, bytes) -> { });
            kafka.publish(Topics.CLUSTERS, forged.id(), forged, (headers, bytes) -> SpecHeaders.write(headers,
                    new SignedSpec(forged, bytes, SigningKeys.keyId(SigningKeys.publicKey(TestSigningKey.PUBLIC_KEY)),
                            SpecSignature.sign(stranger, bytes))));
            kafka.publish(Topics.CLUSTERS, signed.id(), signed);
            kafka.publish(Topics.PLANS, killUnsigned.clusterId(), killUnsigned);
            kafka.publish(Topics.PLANS, killForged.clusterId(), killForged);
            kafka.publish(Topics.PLANS, check.clusterId(), check);

            // then: the signed cluster's plan ran; both untrusted specs are dead letters and their plans never ran
            awaitOutcome(kafka, check.planId());
            Map<String, String> reasons = Awaitility.await().atMost(PLAN_TIMEOUT).until(() -> dlqReasonsByKey(kafka),
                    found -> found.containsKey(unsigned.id() + "/" + Topics.Names.PLANS)
                            && found.containsKey(forged.id() + "/" + Topics.Names.PLANS));
            assertThat(reasons).containsEntry(unsigned.id() + "/" + Topics.Names.CLUSTERS, "UNTRUSTED_SPEC")
                    .containsEntry(forged.id() + "/" + Topics.Names.CLUSTERS, "UNTRUSTED_SPEC")
                    .containsEntry(unsigned.id() + "/" + Topics.Names.PLANS, "UNKNOWN_CLUSTER")
                    .containsEntry(forged.id() + "/" + Topics.Names.PLANS, "UNKNOWN_CLUSTER");
            assertThat(decode(kafka.readAll(Topics.Names.EXECUTIONS), null)).extracting(ExecutionEvent::planId)
                    .doesNotContain(killUnsigned.planId(), killForged.planId());
            assertThat(first.pid()).hasValue(pid);
        }
    }

    private static Map<String, String> dlqReasonsByKey(KafkaTestClient kafka) {
        return kafka.readAll(Topics.Names.DLQ).stream().filter(record -> record.key() != null).collect(Collectors.toMap(
                record -> new String(record.key(), StandardCharsets.UTF_8) + "/"
                        + header(record, DeadLetters.SOURCE_TOPIC),
                record -> DeadLetters.reason(record.headers()), (a, b) -> b));
    }

    @Test
    void cancelRevisionBeforeTheActingStepCancelsThePlanAndLeavesTheProcessAlone() throws Exception {
        // given: a running member, and a plan that first waits (on a source member that is down) and then stops it
        ClusterSpec spec = target.spec(Fixtures.CLUSTER);
        List<EtcdMember> followers = target.followers();
        EtcdMember member = followers.get(0);
        EtcdMember source = followers.get(1);
        long pid = member.pid().orElseThrow();
        target.etcd().kill(source);
        RecoveryPlan plan = Fixtures.plan("inc-cancel", 1, PlanMode.AUTO, List.of(
                new PlanStep("01-await-caught-up", Action.AWAIT_CAUGHT_UP, member.name(),
                        new StepParams(Duration.ofSeconds(8), null, source.name(), 0L, 1), OnFailure.CONTINUE),
                Fixtures.step("02-stop", Action.STOP, member.name(), 1)));
        RecoveryPlan cancel = new RecoveryPlan("inc-cancel-r2", "inc-cancel", Fixtures.CLUSTER, 2, PlanScope.NODE,
                PlanMode.CANCEL, "RECOVERED before the first acting step", List.of(), List.of(), Fixtures.T0,
                Fixtures.T0);
        try (KafkaTestClient kafka = new KafkaTestClient(broker.bootstrapServers())) {
            kafka.publish(Topics.CLUSTERS, spec.id(), spec);
            kafka.publish(Topics.PLANS, plan.clusterId(), plan);
            Awaitility.await().atMost(PLAN_TIMEOUT).until(() -> decode(kafka.readAll(Topics.Names.EXECUTIONS),
                    plan.planId()).stream().anyMatch(StepEvent.class::isInstance));

            // when: the planner withdraws the plan while its first step waits
            kafka.publish(Topics.PLANS, cancel.clusterId(), cancel);

            // then: the plan ends PLAN_CANCELLED before its stop, and the member runs as the same process
            List<ExecutionEvent> events = decode(awaitOutcome(kafka, plan.planId()), plan.planId());
            PlanOutcome outcome = (PlanOutcome) events.get(events.size() - 1);
            assertThat(outcome.outcome()).isEqualTo(Outcome.PLAN_CANCELLED);
            assertThat(outcome.detail()).contains("cancelled before step 02-stop", "revision 2 of incident inc-cancel");
            assertThat(events).filteredOn(StepEvent.class::isInstance)
                    .noneMatch(event -> ((StepEvent) event).stepId().equals("02-stop"));
            assertThat(member.pid()).hasValue(pid);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitOutcome(KafkaTestClient kafka, String planId) {
        return Awaitility.await().atMost(PLAN_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> kafka.readAll(Topics.Names.EXECUTIONS).stream()
                        .filter(record -> planId.equals(decodeOne(record).planId())).toList(),
                        records -> records.stream().anyMatch(record -> decodeOne(record) instanceof PlanOutcome));
    }

    private static List<ExecutionEvent> decode(List<ConsumerRecord<byte[], byte[]>> records, String planId) {
        return records.stream().map(ExecutorServiceIT::decodeOne)
                .filter(event -> planId == null || planId.equals(event.planId())).toList();
    }

    private static ExecutionEvent decodeOne(ConsumerRecord<byte[], byte[]> record) {
        return Topics.EXECUTIONS.valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value());
    }

    private static List<String> terminalStatuses(List<ExecutionEvent> events) {
        return events.stream().filter(StepEvent.class::isInstance).map(StepEvent.class::cast)
                .filter(event -> event.status() != StepStatus.STARTED)
                .map(event -> event.stepId() + ":" + event.status()).toList();
    }

    private static String startToHealthy(List<ExecutionEvent> events) {
        StepEvent start = step(events, "05-start", StepStatus.STARTED);
        StepEvent healthy = step(events, "06-await-healthy", StepStatus.SUCCEEDED);
        StepEvent caughtUp = step(events, "07-await-caught-up", StepStatus.SUCCEEDED);
        return "START -> healthy " + Duration.between(start.at(), healthy.at()).toMillis() + " ms, -> caught up "
                + Duration.between(start.at(), caughtUp.at()).toMillis() + " ms";
    }

    private static StepEvent step(List<ExecutionEvent> events, String stepId, StepStatus status) {
        return events.stream().filter(StepEvent.class::isInstance).map(StepEvent.class::cast)
                .filter(event -> event.stepId().equals(stepId) && event.status() == status).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private String coordinationValue(String key) throws Exception {
        try (Client etcd = Client.builder().endpoints(coordination.endpoints().toArray(String[]::new)).build()) {
            var found = etcd.getKVClient().get(io.etcd.jetcd.ByteSequence.from(key, StandardCharsets.UTF_8))
                    .get(5, TimeUnit.SECONDS).getKvs();
            return found.isEmpty() ? null : found.get(0).getValue().toString(StandardCharsets.UTF_8);
        }
    }
}
