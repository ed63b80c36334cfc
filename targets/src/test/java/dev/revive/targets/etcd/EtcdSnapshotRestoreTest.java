package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.targets.TargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The argument list of etcd's snapshot restore for one member, built from the spec alone. */
class EtcdSnapshotRestoreTest {

    private final ClusterSpec spec = new ClusterSpec("etcd-a", SystemKind.ETCD, IntStream.range(0, 3)
            .mapToObj(EtcdSnapshotRestoreTest::node).toList(), Policy.defaults(), new BackupLocation("/var/backups"));

    @Test
    void restoreArgvNamesTheMemberEveryPeerThePlansTokenAndTheNewDataDir() {
        EtcdSnapshotRestore restore = new EtcdSnapshotRestore(Optional.of(Path.of("/usr/bin/etcdctl")));

        List<String> argv = restore.argv(Path.of("/var/backups/etcd-a/p1-m0.db"), spec, spec.nodes().get(1),
                "plan-rb", Path.of("/data/m1.restoring-plan-rb"));

        assertThat(argv).containsExactly("/usr/bin/etcdctl", "snapshot", "restore", "/var/backups/etcd-a/p1-m0.db",
                "--name", "m1",
                "--initial-cluster", "m0=http://10.0.0.10:2380,m1=http://10.0.0.11:2380,m2=http://10.0.0.12:2380",
                "--initial-cluster-token", "revive-plan-rb",
                "--initial-advertise-peer-urls", "http://10.0.0.11:2380",
                "--data-dir", "/data/m1.restoring-plan-rb");
    }

    @Test
    void withoutEtcdctlOrEtcdutlTheRestoreFailsLocallyAndSaysWhatToInstall() {
        EtcdSnapshotRestore restore = new EtcdSnapshotRestore(Optional.empty());

        assertThatThrownBy(() -> restore.argv(Path.of("/b/p1-m0.db"), spec, spec.nodes().get(0), "plan-rb",
                Path.of("/data/m0.restoring-plan-rb"))).isInstanceOf(TargetException.class)
                .hasMessageContaining("etcd-client")
                .extracting(e -> ((TargetException) e).kind()).isEqualTo(TargetException.Kind.LOCAL);
    }

    @Test
    void aRestoreThatExitsNonZeroFailsWithItsOutput() {
        EtcdSnapshotRestore restore = new EtcdSnapshotRestore(Optional.of(Path.of("/bin/false")));

        assertThatThrownBy(() -> restore.run(List.of("/bin/false", "snapshot", "restore", "/b/x.db"),
                Duration.ofSeconds(10))).isInstanceOf(TargetException.class).hasMessageContaining("exited 1")
                .extracting(e -> ((TargetException) e).kind()).isEqualTo(TargetException.Kind.FAILED);
    }

    private static NodeSpec node(int i) {
        return new NodeSpec("m" + i, NodeRole.MEMBER, new Endpoints("http://10.0.0.1" + i + ":2379",
                "http://10.0.0.1" + i + ":2380"), new ProcessControl(List.of("/usr/bin/etcd", "--name", "m" + i), "/data",
                Map.of(), "/run/m" + i + ".pid", "/log/m" + i + ".log", Duration.ofSeconds(5)), "/data/m" + i,
                List.of(), List.of());
    }
}
