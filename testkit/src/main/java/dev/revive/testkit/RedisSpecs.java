package dev.revive.testkit;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.LoadBalancerSpec;
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
 * Describes a {@link RedisCluster} as a cluster spec of kind {@code redis}: each node run by the process driver with
 * its exact command ({@code [/usr/bin/redis-server, <node dir>/redis.conf]}, the file holding everything it needs),
 * its pid file and a temp dir below the work dir, its data dir (Redis' {@code dir}: {@code appendonlydir/}) and log.
 * The first node is PRIMARY and the others REPLICA in the spec, as started; Revive asks the live nodes for roles.
 */
public final class RedisSpecs {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private RedisSpecs() {
    }

    /** The spec of {@code cluster} without a load balancer; pid files, temp dirs and backups below {@code workDir}. */
    public static ClusterSpec describe(String clusterId, RedisCluster cluster, Path workDir) {
        return describe(clusterId, cluster, workDir, null);
    }

    /** The spec of {@code cluster} behind {@code loadBalancer} (null: none). */
    public static ClusterSpec describe(String clusterId, RedisCluster cluster, Path workDir,
                                       LoadBalancerSpec loadBalancer) {
        List<RedisNode> nodes = cluster.nodes();
        List<NodeSpec> specs = nodes.stream()
            .map(node -> node(node, workDir, node == nodes.get(0) ? NodeRole.PRIMARY : NodeRole.REPLICA)).toList();
        return new ClusterSpec(clusterId, SystemKind.REDIS, specs, Policy.defaults(),
            new BackupLocation(workDir.resolve("backups").toString()), List.of(), SharedMachine.DETECTION, null,
            null, loadBalancer);
    }

    /** The node spec of one node run by the process driver with its exact command. */
    public static NodeSpec node(RedisNode node, Path workDir, NodeRole role) {
        Path nodeDir = workDir.resolve("nodes").resolve(node.name());
        ProcessControl control = new ProcessControl(node.command(), node.nodeDir().toString(), Map.of(),
            nodeDir.resolve(node.name() + ".pid").toString(), node.logFile().toString(), STOP_TIMEOUT);
        return new NodeSpec(node.name(), role, new Endpoints(node.endpoint(), null), control,
            node.dataDir().toString(), List.of(node.logFile().toString()), List.of(nodeDir.resolve("tmp").toString()));
    }
}
