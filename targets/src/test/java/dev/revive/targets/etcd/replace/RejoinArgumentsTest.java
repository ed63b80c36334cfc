package dev.revive.targets.etcd.replace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.targets.etcd.LiveMember;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejoinArgumentsTest {

    private static final List<LiveMember> LIVE = List.of(
            new LiveMember(1, "m0", List.of("http://h:1"), false, List.of("http://h:2380")),
            new LiveMember(2, "", List.of(), true, List.of("http://h:2381")));

    @Test
    void replacesBothFlagsGivenAsSeparateArguments() {
        List<String> argv = RejoinArguments.derive(List.of("/usr/bin/etcd", "--name", "m1", "--initial-cluster",
                "m0=http://h:2380,m1=http://h:2381,m2=http://h:2382", "--initial-cluster-state", "new",
                "--initial-cluster-token", "t"), spec(), LIVE);

        assertThat(argv).containsExactly("/usr/bin/etcd", "--name", "m1", "--initial-cluster",
                "m0=http://h:2380,m1=http://h:2381", "--initial-cluster-state", "existing",
                "--initial-cluster-token", "t");
    }

    @Test
    void replacesFlagsGivenWithEqualsOrOneDash() {
        List<String> argv = RejoinArguments.derive(List.of("/usr/bin/etcd", "-initial-cluster=a=http://x:1",
                "--initial-cluster-state=new"), spec(), LIVE);

        assertThat(argv).containsExactly("/usr/bin/etcd", "-initial-cluster=m0=http://h:2380,m1=http://h:2381",
                "--initial-cluster-state=existing");
    }

    @Test
    void appendsFlagsTheCommandLacks() {
        List<String> argv = RejoinArguments.derive(List.of("/usr/bin/etcd", "--name", "m1"), spec(), LIVE);

        assertThat(argv).containsExactly("/usr/bin/etcd", "--name", "m1", "--initial-cluster-state", "existing",
                "--initial-cluster", "m0=http://h:2380,m1=http://h:2381");
    }

    @Test
    void namesAnUnstartedMemberByTheSpecNodeWithItsPeerUrl() {
        assertThat(RejoinArguments.initialCluster(spec(), LIVE)).isEqualTo("m0=http://h:2380,m1=http://h:2381");
    }

    private static ClusterSpec spec() {
        List<NodeSpec> nodes = List.of(node("m0", 2380), node("m1", 2381), node("m2", 2382));
        return new ClusterSpec("c", SystemKind.ETCD, nodes, Policy.defaults(), new BackupLocation("/tmp/backups"));
    }

    private static NodeSpec node(String id, int peerPort) {
        return new NodeSpec(id, NodeRole.MEMBER, new Endpoints("http://h:" + (peerPort - 1000), "http://h:" + peerPort),
                new ProcessControl(List.of("/usr/bin/etcd", "--name", id), null, Map.of(), "/tmp/" + id + ".pid",
                        "/tmp/" + id + ".log", Duration.ofSeconds(5)), "/tmp/" + id + ".etcd", List.of(), List.of());
    }
}
