package dev.revive.targets.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.runbooks.disruption.ClusterView;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.driver.NodeProcess;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.KindPlugin;
import dev.revive.targets.kind.ProbeResult;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.testkit.RedisCluster;
import dev.revive.testkit.RedisSpecs;
import dev.revive.testkit.RedisWriter;
import dev.revive.testkit.RespConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The redis kind's probe, status reader and checks on a real primary with two replicas, one cluster per test. */
class RedisKindIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path work;

    private RedisCluster cluster;
    private KindPlugin plugin;

    @AfterEach
    void close() {
        if (plugin != null) {
            plugin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private ClusterSpec start(boolean debugCommand) {
        cluster = RedisCluster.start(2, debugCommand);
        plugin = new RedisPlugin(new TargetSettings(Duration.ofSeconds(1)));
        return RedisSpecs.describe("redis-1", cluster, work);
    }

    @Test
    void probeAnswersWithEachNodesRoleAndOffset() {
        // given
        ClusterSpec spec = start(true);

        // when
        Map<String, ProbeResult> results = spec.nodes().stream()
                .collect(Collectors.toMap(NodeSpec::id, node -> plugin.probe().probe(spec, node)));

        // then
        assertThat(results.values()).allSatisfy(result -> {
            assertThat(result.outcome()).isEqualTo(ProbeResult.Outcome.ANSWERED);
            assertThat(Long.parseLong(result.facts().get(ProbeResult.POSITION))).isNotNegative();
        });
        assertThat(results.get("r1").facts()).containsEntry(ProbeResult.ROLE, "PRIMARY");
        assertThat(results.get("r2").facts()).containsEntry(ProbeResult.ROLE, "REPLICA");
        assertThat(results.get("r3").facts()).containsEntry(ProbeResult.ROLE, "REPLICA");
    }

    @Test
    void statusSeesOnePrimaryAndTwoLinkedReplicas() {
        // given
        ClusterSpec spec = start(true);

        // when
        ClusterView view = plugin.status().read(spec);

        // then
        assertThat(view.members()).extracting(MemberView::nodeId).containsExactly("r1", "r2", "r3");
        assertThat(view.leader()).hasValueSatisfying(leader -> assertThat(leader.nodeId()).isEqualTo("r1"));
        assertThat(view.members()).allSatisfy(member -> assertThat(member.healthy()).isTrue());
        assertThat(view.members()).filteredOn(member -> member.role() == MemberRole.REPLICA)
                .extracting(MemberView::nodeId).containsExactly("r2", "r3");
    }

    @Test
    void killedReplicaIsSilentAndFailsNodesAnswerButNoDataCheck() {
        // given
        ClusterSpec spec = start(true);
        cluster.kill9("r3");

        // when
        ProbeResult probe = plugin.probe().probe(spec, spec.nodes().get(2));
        ClusterView view = plugin.status().read(spec);
        List<CheckFinding> findings = plugin.checks().round(new CheckRequest(spec, null, 3));

        // then
        assertThat(probe.outcome()).isEqualTo(ProbeResult.Outcome.REFUSED);
        assertThat(view.members().get(2).answering()).isFalse();
        assertThat(view.members().get(0).healthy()).isTrue();
        Map<String, CheckResult> byName = byName(findings);
        assertThat(byName.get(RedisChecks.NODES_ANSWER).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(byName.get(RedisChecks.NODES_ANSWER).observed()).contains("r3");
        assertThat(byName.get(RedisChecks.SINGLE_PRIMARY).status()).isEqualTo(CheckStatus.PASS);
        assertThat(findings).filteredOn(finding -> finding.kind() == CheckFinding.Kind.DATA)
                .allSatisfy(finding -> assertThat(finding.result().status()).isEqualTo(CheckStatus.PASS));
        assertThat(byName.get(RedisDataChecks.DIGEST_EQUAL).evidence().get("r3")).contains("not compared");
    }

    @Test
    void frozenReplicaTimesOut() {
        // given
        ClusterSpec spec = start(true);
        cluster.sigstop("r2");
        try {
            // when
            ProbeResult probe = plugin.probe().probe(spec, spec.nodes().get(1));

            // then
            assertThat(probe.outcome()).isEqualTo(ProbeResult.Outcome.TIMEOUT);
        } finally {
            cluster.sigcont("r2");
        }
    }

    @Test
    void everyCheckPassesOnAHealthyClusterUnderAWriter() {
        // given
        ClusterSpec spec = start(true);
        try (RedisWriter writer = RedisWriter.start("127.0.0.1", cluster.port("r1"))) {
            await().atMost(WAIT).until(() -> writer.acknowledged() > 500);

            // when
            List<CheckFinding> findings = plugin.checks().round(new CheckRequest(spec, null, 3));

            // then
            List<CheckResult> measured = findings.stream().map(CheckFinding::result)
                    .filter(result -> !result.name().equals(RedisDataLoss.DATA_LOSS)).toList();
            assertThat(measured).extracting(CheckResult::name).containsExactlyInAnyOrder(
                    RedisChecks.NODES_ANSWER, RedisChecks.SINGLE_PRIMARY, RedisChecks.REPLICAS_LINKED,
                    RedisDataChecks.OFFSETS_EQUAL, RedisDataChecks.DBSIZE_EQUAL, RedisDataChecks.DIGEST_EQUAL);
            assertThat(measured).allSatisfy(result -> assertThat(result.status())
                    .as(result.name() + ": " + result.observed()).isEqualTo(CheckStatus.PASS));
            assertThat(byName(findings).get(RedisDataChecks.DIGEST_EQUAL).evidence().get("r2"))
                    .contains("DEBUG_DIGEST");
            assertThat(writer.acknowledged()).isGreaterThan(500);
        }
    }

    @Test
    void digestDiffersWhenAReplicaIsWrittenDirectly() throws Exception {
        // given
        ClusterSpec spec = start(true);
        writeDirectlyTo("r2");

        // when
        Map<String, CheckResult> byName = byName(plugin.checks().round(new CheckRequest(spec, null, 3)));

        // then
        assertThat(byName.get(RedisDataChecks.OFFSETS_EQUAL).status()).isEqualTo(CheckStatus.PASS);
        assertThat(byName.get(RedisDataChecks.DIGEST_EQUAL).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(byName.get(RedisDataChecks.DIGEST_EQUAL).observed()).contains("r2");
        assertThat(byName.get(RedisDataChecks.DBSIZE_EQUAL).status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void scanAndDumpDigestStandsInWhenDebugIsRefused() throws Exception {
        // given
        ClusterSpec spec = start(false);
        try (RedisWriter writer = RedisWriter.start("127.0.0.1", cluster.port("r1"))) {
            await().atMost(WAIT).until(() -> writer.acknowledged() > 200);
        }
        CheckResult before = byName(plugin.checks().round(new CheckRequest(spec, null, 3)))
                .get(RedisDataChecks.DIGEST_EQUAL);

        // when
        writeDirectlyTo("r3");
        CheckResult after = byName(plugin.checks().round(new CheckRequest(spec, null, 3)))
                .get(RedisDataChecks.DIGEST_EQUAL);

        // then
        assertThat(before.status()).as(before.observed()).isEqualTo(CheckStatus.PASS);
        assertThat(before.evidence().get("r1")).contains("SCAN_DUMP");
        assertThat(after.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(after.observed()).contains("r3");
    }

    @Test
    void processDriverFindsAndRestartsANodeFromItsSpecAlone() {
        // given
        ClusterSpec spec = start(true);
        NodeSpec r2 = spec.nodes().get(1);
        NodeDriver driver = NodeDrivers.standard().forNode(r2);
        assertThat(driver.inspect(r2).running()).isTrue();
        assertThat(driver.stop(r2, Duration.ofSeconds(10))).isTrue();
        await().atMost(WAIT).until(() -> !plugin.status().read(spec).members().get(1).answering());

        // when
        driver.start(r2);

        // then
        await().atMost(WAIT).until(() -> plugin.status().read(spec).members().get(1).healthy());
        assertThat(driver.inspect(r2).foundBy()).isEqualTo(NodeProcess.FoundBy.PID_FILE);
    }

    @Test
    void oldPrimaryStartedWithReplicaofOnItsCommandLineFollowsTheNewPrimary() {
        // given: r1 dies, r2 is promoted and r3 follows it
        ClusterSpec spec = start(true);
        NodeSpec r1 = spec.nodes().get(0);
        String r2 = spec.nodes().get(1).endpoints().client();
        RedisAdapter redis = new RedisAdapter(Duration.ofSeconds(1));
        try (redis) {
            cluster.kill9("r1");
            redis.replicaOfNoOne(r2);
            redis.replicaOf(spec.nodes().get(2).endpoints().client(), "127.0.0.1", RedisAdapter.port(r2));
            NodeDriver driver = NodeDrivers.standard().forNode(r1);

            // when
            List<String> command = new ArrayList<>(((ProcessControl) r1.control()).command());
            command.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(RedisAdapter.port(r2))));
            driver.startWith(r1, command);

            // then
            await().atMost(WAIT).until(() -> plugin.status().read(spec).members().stream()
                    .allMatch(MemberView::healthy));
            ClusterView view = plugin.status().read(spec);
            assertThat(view.leader()).hasValueSatisfying(leader -> assertThat(leader.nodeId()).isEqualTo("r2"));
            assertThat(view.members().get(0).role()).isEqualTo(MemberRole.REPLICA);
        }
    }

    /** Makes replica {@code id} writable and writes one key to it alone. */
    private void writeDirectlyTo(String id) throws Exception {
        try (RespConnection replica = cluster.connect(id)) {
            replica.call("CONFIG", "SET", "replica-read-only", "no");
            assertThat(replica.call("SET", "only-on-" + id, "diverged")).isEqualTo("OK");
        }
    }

    private static Map<String, CheckResult> byName(List<CheckFinding> findings) {
        return findings.stream().map(CheckFinding::result)
                .collect(Collectors.toMap(CheckResult::name, Function.identity()));
    }
}
