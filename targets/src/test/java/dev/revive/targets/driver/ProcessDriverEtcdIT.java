package dev.revive.targets.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The process driver on a real etcd member that the testkit started (so without a pid file). */
class ProcessDriverEtcdIT {

    private static EtcdCluster cluster;
    private static EtcdAdapter etcd;
    private final ProcessDriver driver = new ProcessDriver();

    @BeforeAll
    static void startCluster() {
        cluster = EtcdCluster.start(3);
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopCluster() {
        etcd.close();
        cluster.close();
    }

    @Test
    void restartsAMemberStartedBySomeoneElse() {
        EtcdMember member = cluster.member(1);
        NodeSpec node = nodeOf(member);
        assertThat(driver.inspect(node))
                .isEqualTo(NodeProcess.running(member.name(), member.pid().orElseThrow(), NodeProcess.FoundBy.COMMAND_LINE));

        assertThat(driver.forceKill(node)).isTrue();
        assertThat(member.isAlive()).isFalse();

        long pid = driver.start(node);

        assertThat(driver.inspect(node)).isEqualTo(NodeProcess.running(member.name(), pid, NodeProcess.FoundBy.PID_FILE));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> etcd.isHealthy(member.clientUrl()));
        assertThat(driver.stop(node, Duration.ofSeconds(10))).isTrue();
        assertThat(member.isAlive()).isFalse();
    }

    static NodeSpec nodeOf(EtcdMember member) {
        ProcessControl control = new ProcessControl(member.command(), null, Map.of(),
                cluster.directory().resolve(member.name() + ".pid").toString(), member.logFile().toString(),
                Duration.ofSeconds(5));
        return new NodeSpec(member.name(), NodeRole.MEMBER, new Endpoints(member.clientUrl(), member.peerUrl()), control,
                member.dataDir().toString(), List.of(member.logFile().toString()), List.of());
    }
}
