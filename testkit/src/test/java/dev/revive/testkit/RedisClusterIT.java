package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Redis fixture: real redis-server processes, a primary and two linked replicas, faults, the test writer. */
class RedisClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void startsAPrimaryWithTwoLinkedReplicasFromConfigFilesAlone() throws Exception {
        try (RedisCluster cluster = RedisCluster.start()) {
            assertThat(cluster.ids()).containsExactly("r1", "r2", "r3");
            assertThat(cluster.primary().name()).isEqualTo("r1");
            assertThat(cluster.roleOf("r2")).hasValue("slave");
            assertThat(cluster.roleOf("r3")).hasValue("slave");
            assertThat(cluster.node("r2").command()).containsExactly("/usr/bin/redis-server",
                cluster.node("r2").configFile().toString());
            assertThat(Files.readAllLines(cluster.node("r2").configFile()))
                .contains("replicaof 127.0.0.1 " + cluster.port("r1"), "appendonly yes", "set-proc-title no");
        }
    }

    @Test
    void writerAcknowledgedWritesReachTheReplicas() throws Exception {
        try (RedisCluster cluster = RedisCluster.start();
             RedisWriter writer = RedisWriter.start("127.0.0.1", cluster.port("r1"))) {
            await().atMost(WAIT).until(() -> writer.acknowledged() > 200);
            writer.close();

            await().atMost(WAIT).untilAsserted(() ->
                assertThat(writer.missingFrom("127.0.0.1", cluster.port("r3"))).isEmpty());
            assertThat(writer.failures()).isZero();
            assertThat(RedisWriter.writeBytes()).isEqualTo(RespConnection.encode("SET", RedisWriter.key(7),
                RedisWriter.value(7)).length);
        }
    }

    @Test
    void writerCountsFailuresWhileItsNodeIsDownAndWritesAgainAfter() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(1, true);
             RedisWriter writer = RedisWriter.start("127.0.0.1", cluster.port("r1"))) {
            await().atMost(WAIT).until(() -> writer.acknowledged() > 50);

            cluster.kill9("r1");
            await().atMost(WAIT).until(() -> writer.failures() > 0);
            cluster.restart("r1");
            long before = writer.acknowledged();

            await().atMost(WAIT).until(() -> writer.acknowledged() > before + 50);
        }
    }

    @Test
    void frozenNodeDoesNotAnswerUntilThawed() {
        try (RedisCluster cluster = RedisCluster.start(1, true)) {
            cluster.sigstop("r2");
            assertThat(cluster.roleOf("r2")).isEmpty();

            cluster.sigcont("r2");
            await().atMost(WAIT).until(() -> cluster.roleOf("r2").isPresent());
        }
    }

    @Test
    void closeKillsEveryProcessOfTheClusterAndDeletesItsDirectory() {
        RedisCluster cluster = RedisCluster.start(1, true);
        String directory = cluster.directory() + File.separator;

        cluster.close();

        assertThat(ProcessSweep.withArgumentContaining(directory)).isEmpty();
        assertThat(cluster.directory()).doesNotExist();
    }
}
