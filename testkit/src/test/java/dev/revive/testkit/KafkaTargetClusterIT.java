package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaTargetClusterIT {

    private static final String ISO_LINE =
        "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) .*";

    private static KafkaTargetCluster cluster;

    @BeforeAll
    static void start() {
        cluster = KafkaTargetCluster.start(3);
    }

    @AfterAll
    static void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyNodeRunsAsItsOwnProcessWithOneActiveController() {
        // then
        assertThat(cluster.nodes()).hasSize(3).allSatisfy(node -> assertThat(node.isAlive()).isTrue());
        assertThat(cluster.nodes().stream().map(node -> node.pid().orElseThrow()).distinct()).hasSize(3);
        assertThat(cluster.nodes()).contains(cluster.activeController());
    }

    @Test
    void nodesLogWithIsoTimestamps() throws IOException {
        for (KafkaNode node : cluster.nodes()) {
            assertThat(Files.readAllLines(node.logFile())).anyMatch(line -> line.matches(ISO_LINE));
        }
    }

    @Test
    void specDescribesEveryNodeWithItsExactCommandAndEndpoints(@TempDir Path work) {
        // when
        ClusterSpec spec = KafkaTargetSpecs.describe("kafka-1", cluster, work);

        // then
        assertThat(spec.kind()).isEqualTo(SystemKind.KAFKA);
        assertThat(spec.nodes()).extracting(NodeSpec::id).containsExactly("k1", "k2", "k3");
        NodeSpec first = spec.nodes().get(0);
        assertThat(first.endpoints().client()).isEqualTo("tcp://127.0.0.1:" + cluster.node(0).brokerPort());
        assertThat(first.endpoints().peer()).isEqualTo("tcp://127.0.0.1:" + cluster.node(0).controllerPort());
        assertThat(((ProcessControl) first.control()).command()).isEqualTo(cluster.node(0).command());
        assertThat(first.dataDir()).isEqualTo(cluster.node(0).dataDir().toString());
    }

    @Test
    void writerFindsEveryAcknowledgedRecordExactlyOnceAcrossAKilledFollower() {
        // given
        cluster.createTopic("writer-across-kill", 3);
        KafkaNode follower = cluster.followers().get(0);
        try (KafkaWriter writer = KafkaWriter.start(cluster.bootstrap(), "writer-across-kill", Duration.ofMillis(5))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.acknowledged() >= 50);

            // when
            cluster.kill(follower);
            long acknowledgedAtKill = writer.acknowledged();
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.acknowledged() >= acknowledgedAtKill + 50);
            cluster.restart(follower);
            cluster.awaitNoUnderReplicated();
            long acknowledgedAtRestart = writer.acknowledged();
            await().atMost(Duration.ofSeconds(30)).until(() -> writer.acknowledged() >= acknowledgedAtRestart + 50);
            KafkaWriter.Counts counts = writer.verifyExactlyOnce();

            // then
            assertThat(counts.acknowledged()).isGreaterThanOrEqualTo(150);
            assertThat(counts.missingAcked()).isZero();
            assertThat(counts.duplicates()).isZero();
        }
    }
}
