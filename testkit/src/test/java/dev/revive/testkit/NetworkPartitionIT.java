package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class NetworkPartitionIT {

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);
    private final EtcdHttp http = new EtcdHttp();

    @Test
    void cutMemberKeepsRunningUnreachableWhileTheOthersKeepQuorumAndRejoinsWhenHealed() throws Exception {
        String namespace;
        try (EtcdCluster cluster = EtcdCluster.startWithIsolatedMember(3, 2)) {
            // given a healthy cluster whose member m2 runs in its own network namespace
            NetworkPartition partition = cluster.partition().orElseThrow();
            namespace = partition.namespace();
            EtcdMember isolated = cluster.isolatedMember().orElseThrow();
            assertThat(isolated.clientUrl()).contains(partition.isolatedAddress());
            assertThat(namespaces()).contains(namespace);
            ProcessHandle before = isolated.processHandle().orElseThrow();
            Optional<Instant> startedAt = before.info().startInstant();
            assertThat(before.info().arguments().map(java.util.List::of)).contains(
                isolated.command().subList(1, isolated.command().size()));

            // when it is cut off
            partition.cut();

            // then it does not answer, the other two keep a leader, and its process runs on untouched
            await().atMost(SETTLE_TIMEOUT).until(() -> !http.isHealthy(isolated.clientUrl()));
            EtcdMember leader = await().atMost(SETTLE_TIMEOUT).until(() -> cluster.findLeader().orElse(null),
                found -> found != null && found != isolated);
            assertThat(http.isHealthy(leader.clientUrl())).isTrue();
            assertThat(isolated.processHandle()).hasValueSatisfying(handle -> {
                assertThat(handle.pid()).isEqualTo(before.pid());
                assertThat(handle.info().startInstant()).isEqualTo(startedAt);
            });

            // when healed, then every member is healthy again, the isolated one still the same process
            partition.heal();
            cluster.awaitHealthy(SETTLE_TIMEOUT);
            await().atMost(SETTLE_TIMEOUT).until(() -> http.isHealthy(isolated.clientUrl()));
            assertThat(isolated.pid()).hasValue(before.pid());
        }
        // then close leaves no namespace behind
        assertThat(namespaces()).doesNotContain(namespace);
    }

    private static String namespaces() throws IOException, InterruptedException {
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        return output;
    }
}
