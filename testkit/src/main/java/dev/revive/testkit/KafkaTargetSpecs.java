package dev.revive.testkit;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
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
 * Describes a {@link KafkaTargetCluster} as a cluster spec of kind {@code kafka}: each node run by the process driver
 * (its exact start command, pid file below a work dir, log file), its broker listener as the client endpoint and its
 * controller listener as the peer endpoint, its log directory as the data dir. The checks are the kind's own.
 */
public final class KafkaTargetSpecs {

    /** Enough for a controlled shutdown of a test node (it moves leadership away first). */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private KafkaTargetSpecs() {
    }

    /** The spec of {@code cluster}: node {@code k<node id>} per node, pid files and backups below {@code workDir}. */
    public static ClusterSpec describe(String clusterId, KafkaTargetCluster cluster, Path workDir) {
        List<NodeSpec> nodes = cluster.nodes().stream().map(node -> node(node, workDir)).toList();
        return new ClusterSpec(clusterId, SystemKind.KAFKA, nodes, Policy.defaults(),
            new BackupLocation(workDir.resolve("backups").toString()), null, SharedMachine.DETECTION);
    }

    /** The node spec of one Kafka node. */
    public static NodeSpec node(KafkaNode node, Path workDir) {
        ProcessControl control = new ProcessControl(node.command(), null, Map.of(),
            workDir.resolve(node.name() + ".pid").toString(), node.logFile().toString(), STOP_TIMEOUT);
        return new NodeSpec(node.name(), NodeRole.MEMBER, new Endpoints(node.clientUrl(), node.controllerUrl()),
            control, node.dataDir().toString(), List.of(node.logFile().toString()), List.of());
    }
}
