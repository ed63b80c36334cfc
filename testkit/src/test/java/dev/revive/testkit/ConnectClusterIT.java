package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectClusterIT {

    private static KafkaBroker broker;
    private static ConnectCluster cluster;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
        cluster = ConnectCluster.start(ConnectCluster.Settings.of(2, broker.bootstrapServers(), 1));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void fileSourceAndSinkCarryEveryLineThroughTheTopic() {
        Path in = cluster.directory().resolve("carry-in.txt");
        Path out = cluster.directory().resolve("carry-out.txt");
        broker.createTopics("carry");
        LineSource source = LineSource.start(in, 100);
        cluster.createFileSource("carry-source", in, "carry");
        cluster.createFileSink("carry-sink", "carry", out);
        cluster.awaitRunning("carry-source");
        cluster.awaitRunning("carry-sink");
        await().atMost(Duration.ofSeconds(60)).until(() -> LineSource.lines(out) >= 100);

        long written = source.stop();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(LineSource.records(broker.bootstrapServers(), "carry")).isEqualTo(written);
            assertThat(LineSource.numbers(out).distinct()).isEqualTo(written);
        });
        assertThat(cluster.workerOf("carry-source", 0)).isPresent();
    }

    @Test
    void aWorkerWhoseStartIsPreventedExitsAfterEveryStartAndJoinsAgainOnceAllowed() {
        ConnectWorker worker = cluster.worker(0);
        cluster.kill(worker);
        cluster.preventStart(worker);
        try {
            cluster.restart(worker);

            await("the worker that cannot start exits").atMost(Duration.ofSeconds(60)).until(() -> !worker.isAlive());
            assertThat(cluster.startPrevented(worker)).isTrue();
        } finally {
            cluster.allowStart(worker);
        }
        assertThat(cluster.startPrevented(worker)).isFalse();
        cluster.restart(worker);
        cluster.awaitReady(Duration.ofSeconds(60));
        assertThat(worker.isAlive()).isTrue();
    }

    @Test
    void aPausedWorkerKeepsItsPidAndResumes() {
        ConnectWorker worker = cluster.worker(1);
        long pid = worker.pid().orElseThrow();

        cluster.pause(worker);
        cluster.resume(worker);

        cluster.awaitReady(Duration.ofSeconds(60));
        assertThat(worker.pid()).hasValue(pid);
    }
}
