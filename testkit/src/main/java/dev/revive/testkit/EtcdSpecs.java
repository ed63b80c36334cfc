package dev.revive.testkit;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.ControlSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Describes an {@link EtcdCluster} as a cluster spec of kind {@code etcd}: each member a node run by the process
 * driver (its exact start command, log file and data dir), the cluster's client security (for a
 * {@link EtcdCluster#startSecure secure} cluster: TLS files and {@code root}'s user and password files), and the
 * application roles the write fence takes write away from.
 */
public final class EtcdSpecs {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private EtcdSpecs() {
    }

    /** The spec of {@code cluster} with its client security and no fenced roles; pid files and backups in workDir. */
    public static ClusterSpec describe(String clusterId, EtcdCluster cluster, Path workDir) {
        return describe(clusterId, cluster, workDir, List.of());
    }

    /**
     * The spec of {@code cluster} with its client security and {@code fencedRoles} (a secure cluster's, since a
     * fence needs a user allowed to change roles); pid files, temp dirs and backups below {@code workDir}.
     */
    public static ClusterSpec describe(String clusterId, EtcdCluster cluster, Path workDir, List<String> fencedRoles) {
        List<NodeSpec> nodes = cluster.members().stream().map(member -> node(member, workDir)).toList();
        return describe(clusterId, nodes, workDir, cluster.clientSecurity(), fencedRoles);
    }

    /**
     * A spec of kind {@code etcd} of {@code nodes} with the kit's defaults (default policy, {@link SharedMachine}'s
     * detection, backups below {@code workDir}), {@code clientSecurity} (null for a plain cluster) and
     * {@code fencedRoles}: what every etcd spec of the kit shares, whatever runs its members.
     */
    public static ClusterSpec describe(String clusterId, List<NodeSpec> nodes, Path workDir,
                                       ClientSecurity clientSecurity, List<String> fencedRoles) {
        return new ClusterSpec(clusterId, SystemKind.ETCD, nodes, Policy.defaults(),
            new BackupLocation(workDir.resolve("backups").toString()), List.of(), SharedMachine.DETECTION,
            clientSecurity, fencedRoles);
    }

    /** The node spec of one member run by the process driver with its exact command. */
    public static NodeSpec node(EtcdMember member, Path workDir) {
        Path nodeDir = workDir.resolve("nodes").resolve(member.name());
        ProcessControl control = new ProcessControl(member.command(), member.dataDir().getParent().toString(),
            Map.of(), nodeDir.resolve(member.name() + ".pid").toString(), member.logFile().toString(), STOP_TIMEOUT);
        return node(member, control, List.of(nodeDir.resolve("tmp").toString()));
    }

    /**
     * The node spec of one member run by {@code control} (a process, a container, ...): its endpoints, data dir and
     * log file, and {@code tempPaths} (none for a container: its temp dirs are inside it, out of Revive's reach).
     */
    public static NodeSpec node(EtcdMember member, ControlSpec control, List<String> tempPaths) {
        return new NodeSpec(member.name(), NodeRole.MEMBER, new Endpoints(member.clientUrl(), member.peerUrl()),
            control, member.dataDir().toString(), List.of(member.logFile().toString()), tempPaths);
    }
}
