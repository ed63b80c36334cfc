package dev.revive.executor;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The ClusterSpec of a testkit etcd cluster, as an operator would register it: process driver, real commands. */
public final class TargetSpecs {

    private TargetSpecs() {
    }

    public static ClusterSpec of(String clusterId, EtcdCluster cluster, Path backups) {
        List<NodeSpec> nodes = cluster.members().stream().map(member -> node(cluster, member)).toList();
        return new ClusterSpec(clusterId, SystemKind.ETCD, nodes, Policy.defaults(),
                new BackupLocation(backups.toString()));
    }

    public static Path tempDir(EtcdCluster cluster, EtcdMember member) {
        return cluster.directory().resolve(member.name() + ".tmp");
    }

    private static NodeSpec node(EtcdCluster cluster, EtcdMember member) {
        ProcessControl control = new ProcessControl(member.command(), null, Map.of(),
                cluster.directory().resolve(member.name() + ".pid").toString(), member.logFile().toString(),
                Duration.ofSeconds(5));
        return new NodeSpec(member.name(), NodeRole.MEMBER, new Endpoints(member.clientUrl(), member.peerUrl()), control,
                member.dataDir().toString(), List.of(member.logFile().toString()),
                List.of(tempDir(cluster, member).toString()));
    }
}
