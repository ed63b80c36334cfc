package dev.revive.targets.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.runbooks.disruption.ClusterView;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.driver.ProcessDriver;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.ProbeResult;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.testkit.ZooKeeperEnsemble;
import dev.revive.testkit.ZooKeeperNode;
import dev.revive.testkit.ZooKeeperSpecs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic kind on a real 3-node ZooKeeper ensemble, restarted through the process driver from its spec. */
class GenericZooKeeperIT {

    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private static ZooKeeperEnsemble ensemble;
    private static ClusterSpec spec;

    private final GenericPlugin plugin = new GenericPlugin(new TargetSettings(Duration.ofSeconds(2)));
    private final ProcessDriver driver = new ProcessDriver();

    @BeforeAll
    static void startEnsemble() {
        ensemble = ZooKeeperEnsemble.start(3);
        ensemble.touch();
        spec = ZooKeeperSpecs.describe("zk-3", ensemble, work);
    }

    @AfterAll
    static void closeEnsemble() {
        if (ensemble != null) {
            ensemble.close();
        }
    }

    @AfterEach
    void ensembleIsWholeAgain() {
        ensemble.nodes().stream().filter(node -> !node.isAlive()).forEach(node -> driver.start(nodeSpec(node)));
        ensemble.awaitServing(RECOVERY);
        await().atMost(RECOVERY).until(() -> failing(round(null)).isEmpty());
    }

    @Test
    void probeAnswersAndIsRefusedAfterKill9() {
        // given
        ZooKeeperNode follower = ensemble.followers().get(0);
        assertThat(plugin.probe().probe(spec, nodeSpec(follower))).isEqualTo(ProbeResult.answered());

        // when
        ensemble.kill(follower);

        // then
        ProbeResult probe = plugin.probe().probe(spec, nodeSpec(follower));
        assertThat(probe.outcome()).isEqualTo(ProbeResult.Outcome.REFUSED);
        assertThat(probe.error()).startsWith("ruok: REFUSED");
    }

    @Test
    void everyCheckPassesOnAWholeEnsembleAndTheStatusShowsOneLeader() {
        // when
        List<CheckFinding> findings = round(Instant.now());
        ClusterView view = plugin.status().read(spec);

        // then
        assertThat(findings).extracting(finding -> finding.result().name()).containsExactly(ZooKeeperSpecs.RUOK,
                ZooKeeperSpecs.SERVING, ZooKeeperSpecs.ONE_LEADER, ZooKeeperSpecs.FOLLOWERS_SYNCED,
                ZooKeeperSpecs.ZNODES_CAUGHT_UP, "no-new-errors");
        assertThat(failing(findings)).isEmpty();
        assertThat(findings).extracting(CheckFinding::kind).containsOnly(CheckFinding.Kind.HEALTH);
        assertThat(view.leader()).map(MemberView::nodeId).contains(ensemble.leader().name());
        assertThat(view.members()).extracting(MemberView::healthy).containsOnly(true);
        assertThat(view.members()).extracting(MemberView::position).containsOnly(view.highestPosition());
    }

    @Test
    void killedFollowerFailsTheChecksAndPassesThemOnceTheDriverRestartsIt() {
        // given
        ZooKeeperNode follower = ensemble.followers().get(0);

        // when
        ensemble.kill(follower);

        // then
        Map<String, CheckStatus> down = statuses(round(null));
        assertThat(down).containsEntry(ZooKeeperSpecs.RUOK, CheckStatus.FAIL)
                .containsEntry(ZooKeeperSpecs.ONE_LEADER, CheckStatus.FAIL)
                .containsEntry(ZooKeeperSpecs.FOLLOWERS_SYNCED, CheckStatus.FAIL);

        // when
        Instant restartedAt = Instant.now();
        driver.start(nodeSpec(follower));

        // then
        awaitEveryCheckPasses(restartedAt);
        assertThat(oneLeaderAndTheOthersFollowing()).isTrue();
    }

    @Test
    void killedLeaderFailsTheChecksAndPassesThemOnceTheDriverRestartsIt() {
        // given
        ZooKeeperNode leader = ensemble.leader();

        // when
        ensemble.kill(leader);

        // then
        assertThat(statuses(round(null))).containsEntry(ZooKeeperSpecs.RUOK, CheckStatus.FAIL);

        // when
        Instant restartedAt = Instant.now();
        driver.start(nodeSpec(leader));
        ensemble.awaitServing(RECOVERY);

        // then: no write is needed: the checks ask ZooKeeper's own sync accounting, not raw zxids
        awaitEveryCheckPasses(restartedAt);
        assertThat(oneLeaderAndTheOthersFollowing()).isTrue();
    }

    private void awaitEveryCheckPasses(Instant restartedAt) {
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(failing(round(restartedAt))).isEmpty());
    }

    private boolean oneLeaderAndTheOthersFollowing() {
        ClusterView view = plugin.status().read(spec);
        return view.leader().isPresent() && view.members().stream()
                .filter(member -> member.role() == MemberRole.FOLLOWER).count() == 2;
    }

    private List<CheckFinding> round(Instant restartedAt) {
        return plugin.checks().round(new CheckRequest(spec, restartedAt, 1));
    }

    private static List<CheckResult> failing(List<CheckFinding> findings) {
        return findings.stream().map(CheckFinding::result).filter(result -> result.status() != CheckStatus.PASS)
                .toList();
    }

    private static Map<String, CheckStatus> statuses(List<CheckFinding> findings) {
        return findings.stream().map(CheckFinding::result)
                .collect(Collectors.toMap(CheckResult::name, CheckResult::status));
    }

    private static NodeSpec nodeSpec(ZooKeeperNode node) {
        return spec.node(node.name()).orElseThrow();
    }
}
