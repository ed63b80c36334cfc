package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EtcdChecksTest {

    private final FakeCluster cluster = FakeCluster.healthy(3);
    private final EtcdChecks checks = new EtcdChecks(cluster);

    @Test
    void aRoundRunsEveryCheckOnFreshReadings() {
        // when
        List<CheckFinding> findings = checks.round(request());

        // then
        assertThat(findings).extracting(finding -> finding.result().name())
                .containsExactly("members-answer", "single-leader", "applied-index-lag", "hash-kv-equal", "no-alarms",
                        "members-healthy", "keys-match", "outage-writes-present", "snapshot", "restored-keyspace");
        assertThat(findings).extracting(CheckFinding::kind).containsExactly(CheckFinding.Kind.HEALTH,
                CheckFinding.Kind.HEALTH, CheckFinding.Kind.HEALTH, CheckFinding.Kind.DATA, CheckFinding.Kind.HEALTH,
                CheckFinding.Kind.HEALTH, CheckFinding.Kind.DATA, CheckFinding.Kind.HEALTH, CheckFinding.Kind.HEALTH,
                CheckFinding.Kind.DATA);
        assertThat(findings.subList(0, 7)).extracting(finding -> finding.result().status())
                .containsOnly(CheckStatus.PASS);
        assertThat(findings.subList(7, 10)).extracting(finding -> finding.result().status())
                .as("a request outside a plan has no snapshot and restored none").containsOnly(CheckStatus.SKIPPED);
        assertThat(cluster.rounds()).isEqualTo(1);
    }

    @Test
    void aHashMismatchIsADataFailure() {
        // given
        cluster.member("m2").hash = 43;

        // when
        List<CheckFinding> findings = checks.round(request());

        // then
        CheckFinding hash = findings.get(3);
        assertThat(hash.kind()).isEqualTo(CheckFinding.Kind.DATA);
        assertThat(hash.result().status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void aQuickLookRunsTheHealthChecksOnlyOnce() {
        // given
        cluster.silent("m1");

        // when
        List<CheckFinding> findings = checks.quickLook(request());

        // then
        assertThat(findings).extracting(finding -> finding.result().name())
                .containsExactly("members-answer", "single-leader", "applied-index-lag", "no-alarms",
                        "members-healthy", "outage-writes-present", "snapshot");
        assertThat(findings.get(0).result().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(cluster.rounds()).isEqualTo(1);
    }

    @Test
    void theLagToleranceComesFromTheSpecPolicy() {
        // given: the default policy tolerates a small lag only
        cluster.member("m1").raftIndex = 100 - Policy.defaults().verification().maxAppliedIndexLag() - 1;

        // when
        List<CheckFinding> findings = checks.round(request());

        // then
        assertThat(findings.get(2).result().status()).isEqualTo(CheckStatus.FAIL);
    }

    private static CheckRequest request() {
        List<NodeSpec> nodes = IntStream.range(0, 3).mapToObj(i -> new NodeSpec("m" + i, NodeRole.MEMBER,
                new Endpoints("http://127.0.0.1:" + (2379 + 10 * i), null),
                new ProcessControl(List.of("/usr/bin/etcd", "--name", "m" + i), null, Map.of(), "/tmp/m" + i + ".pid",
                        "/tmp/m" + i + ".log", Duration.ofSeconds(5)),
                "/var/lib/etcd/m" + i, List.of(), List.of())).toList();
        ClusterSpec spec = new ClusterSpec("etcd-3", SystemKind.ETCD, nodes, Policy.defaults(),
                new BackupLocation("/tmp/revive-backups"));
        return new CheckRequest(spec, null, 3);
    }
}
