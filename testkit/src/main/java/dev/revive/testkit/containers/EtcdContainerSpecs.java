package dev.revive.testkit.containers;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.DockerControl;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.testkit.EtcdSpecs;
import java.nio.file.Path;
import java.util.List;

/**
 * Describes an {@link EtcdContainerCluster} as a cluster spec of kind {@code etcd} whose nodes Revive's docker
 * driver controls: each member's {@link DockerControl} names its container and the Docker Engine API the kit used
 * (explicit, so that Revive's services need no {@code DOCKER_HOST}); no temp paths (the docker driver cleans none);
 * the rest is {@link EtcdSpecs}'.
 */
public final class EtcdContainerSpecs {

    private EtcdContainerSpecs() {
    }

    /** The spec of {@code cluster} with id {@code clusterId}; backups below {@code workDir}. */
    public static ClusterSpec describe(String clusterId, EtcdContainerCluster cluster, Path workDir) {
        List<NodeSpec> nodes = cluster.members().stream().map(member -> EtcdSpecs.node(member.etcd(),
            new DockerControl(member.container(), cluster.dockerEndpoint(), null), List.of())).toList();
        return EtcdSpecs.describe(clusterId, nodes, workDir, null, List.of());
    }
}
