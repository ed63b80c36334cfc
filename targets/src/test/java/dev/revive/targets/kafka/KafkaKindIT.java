package dev.revive.targets.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.runbooks.disruption.ClusterView;
import dev.revive.runbooks.disruption.InSyncReplicas;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.ReplicaSet;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.KindPlugin;
import dev.revive.targets.kind.ProbeResult;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.testkit.KafkaNode;
import dev.revive.testkit.KafkaTargetCluster;
import dev.revive.testkit.KafkaTargetSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kafka kind on a real 3-node KRaft cluster of separate processes; each test uses its own topic. */
class KafkaKindIT {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static KafkaTargetCluster cluster;
    private static ClusterSpec spec;
    private static KindPlugin plugin;

    @BeforeAll
    static void start() {
        cluster = KafkaTargetCluster.start(3);
        spec = KafkaTargetSpecs.describe("kafka-1", cluster, work);
        plugin = new KafkaPlugin(new TargetSettings(Duration.ofSeconds(5)));
    }

    @AfterAll
    static void close() {
        if (plugin != null) {
            plugin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void everyNodeBack() {
        cluster.nodes().stream().filter(node -> !node.isAlive()).forEach(cluster::restart);
        cluster.awaitNoUnderReplicated();
    }

    @Test
    void probeAnswersForEveryRegisteredUnfencedBroker() {
        for (NodeSpec node : spec.nodes()) {
            assertThat(plugin.probe().probe(spec, node).outcome()).isEqualTo(ProbeResult.Outcome.ANSWERED);
        }
    }

    @Test
    void statusReaderSeesTheActiveControllerAndEveryPartitionsReplicas() {
        // given
        cluster.createTopic("status-topic", 3);
        String controller = cluster.activeController().name();

        // when
        ClusterView view = plugin.status().read(spec);

        // then
        assertThat(view.leader()).hasValueSatisfying(leader -> assertThat(leader.nodeId()).isEqualTo(controller));
        assertThat(view.members()).allSatisfy(member -> {
            assertThat(member.healthy()).isTrue();
            assertThat(member.position()).isPositive();
        });
        assertThat(view.members()).filteredOn(member -> member.role() == MemberRole.FOLLOWER).hasSize(2);
        assertThat(view.replicaSets()).filteredOn(set -> set.name().startsWith("status-topic-")).hasSize(3)
                .allSatisfy(set -> {
                    assertThat(set.replicas()).containsExactlyInAnyOrder("k1", "k2", "k3");
                    assertThat(set.inSync()).isEqualTo(set.replicas());
                    assertThat(set.minInSync()).isEqualTo(2);
                });
    }

    @Test
    void healthyClusterPassesEveryCheckWithoutABaseline() {
        // when
        List<CheckFinding> findings = plugin.checks().round(new CheckRequest(spec, null, 1));

        // then
        assertThat(findings).extracting(finding -> finding.result().name()).containsExactly(KafkaChecks.BROKERS,
                KafkaChecks.PARTITIONS, KafkaChecks.QUORUM, KafkaDataChecks.HIGH_WATERMARKS, KafkaDataChecks.CANARY,
                KafkaDataChecks.GROUPS);
        assertThat(findings).allSatisfy(finding -> assertThat(finding.result().status())
                .as(finding.result().toString()).isEqualTo(CheckStatus.PASS));
        assertThat(result(findings, KafkaDataChecks.HIGH_WATERMARKS).observed()).contains("no baseline");
        assertThat(result(findings, KafkaDataChecks.CANARY).evidence()).containsEntry("duplicates", "0")
                .containsEntry("missing", "0");
    }

    @Test
    void killedFollowerIsRefusedUnderReplicatedAndGuardsTheOthersUntilItIsBack() {
        // given
        cluster.createTopic("guard-topic", 3);
        List<KafkaNode> followers = cluster.followers();
        KafkaNode down = followers.get(0);
        KafkaNode other = followers.get(1);
        NodeSpec downSpec = spec.node(down.name()).orElseThrow();
        InSyncReplicas guard = new InSyncReplicas();

        // when
        cluster.kill(down);

        // then
        assertThat(plugin.probe().probe(spec, downSpec).outcome()).isEqualTo(ProbeResult.Outcome.REFUSED);
        await().atMost(WAIT).until(() -> outOfSync(plugin.status().read(spec), down.name()));
        ClusterView whileDown = plugin.status().read(spec);
        assertThat(guard.refusal(spec, whileDown, other.name())).hasValueSatisfying(why -> assertThat(why)
                .contains("under-replicated").contains(down.name()));
        assertThat(guard.refusal(spec, whileDown, down.name())).isEmpty();
        assertThat(status(plugin.checks().quickLook(new CheckRequest(spec, null, 1)), KafkaChecks.PARTITIONS))
                .isEqualTo(CheckStatus.FAIL);

        // when
        cluster.restart(down);

        // then
        await().atMost(WAIT).until(() -> plugin.probe().probe(spec, downSpec).isSuccess());
        await().atMost(WAIT).until(() -> plugin.checks().quickLook(new CheckRequest(spec, null, 1)).stream()
                .allMatch(finding -> finding.result().status() == CheckStatus.PASS));
        assertThat(guard.refusal(spec, plugin.status().read(spec), other.name())).isEmpty();
    }

    @Test
    void baselineRecordsHighWatermarksAndTheCheckFailsOnlyWhenOneIsBehind() throws Exception {
        // given
        cluster.createTopic("baseline-topic", 1);
        write("baseline-topic", 10);
        StepContext context = context("plan-baseline-r1");

        // when
        StepOutcome outcome = plugin.actions().get(Action.SNAPSHOT).execute(context);

        // then
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SUCCEEDED);
        Path file = KafkaBaseline.file(spec, "plan-baseline-r1");
        KafkaBaseline baseline = KafkaBaseline.read(file).orElseThrow();
        assertThat(baseline.highWatermarks()).containsEntry("baseline-topic-0", 10L);
        assertThat(plugin.actions().get(Action.SNAPSHOT).execute(context).status()).isEqualTo(StepStatus.SKIPPED);
        write("baseline-topic", 5);
        assertThat(status(round("plan-baseline-r1"), KafkaDataChecks.HIGH_WATERMARKS)).isEqualTo(CheckStatus.PASS);

        // when a baseline claims more than the partition holds
        new KafkaBaseline("plan-ahead-r1", T0.toString(), Map.of("baseline-topic-0", 1_000L), Map.of())
                .write(KafkaBaseline.file(spec, "plan-ahead-r1"), () -> true);

        // then
        CheckResult behind = result(round("plan-ahead-r1"), KafkaDataChecks.HIGH_WATERMARKS);
        assertThat(behind.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(behind.evidence()).containsEntry("baseline-topic-0", "high watermark 15 < baseline 1000");
        assertThat(Files.exists(file)).isTrue();
    }

    private static List<CheckFinding> round(String planId) {
        return plugin.checks().round(new CheckRequest(spec, null, 1, planId, T0));
    }

    private static boolean outOfSync(ClusterView view, String nodeId) {
        return view.replicaSets().stream().filter(set -> set.name().startsWith("guard-topic-"))
                .map(ReplicaSet::outOfSync).anyMatch(out -> out.contains(nodeId));
    }

    private static CheckResult result(List<CheckFinding> findings, String name) {
        return findings.stream().map(CheckFinding::result).filter(result -> result.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + findings));
    }

    private static CheckStatus status(List<CheckFinding> findings, String name) {
        return result(findings, name).status();
    }

    private static StepContext context(String planId) {
        PlanStep step = new PlanStep("01-snapshot", Action.SNAPSHOT, "k1",
                new StepParams(Duration.ofSeconds(30), null, "k2", null, 1), OnFailure.CONTINUE);
        RecoveryPlan plan = new RecoveryPlan(planId, "inc-1", spec.id(), 1, PlanScope.NODE, PlanMode.AUTO, null,
                List.of("fault-1"), List.of(step), T0, T0);
        return new StepContext(plan, step, spec);
    }

    private static void write(String topic, int records) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "r" + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }
}
