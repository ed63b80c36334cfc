package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EtcdClusterIT {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdClusterIT.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);

    private static EtcdCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = EtcdCluster.start(3);
    }

    @AfterAll
    static void closeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killedLeaderIsReplacedAndRestartedMemberRejoinsWithIdenticalData() {
        try (Client client = Client.builder().endpoints(cluster.endpoints().toArray(String[]::new)).build()) {
            // given
            EtcdMember oldLeader = cluster.leader();
            put(client, "before-kill", "1");

            // when
            long killedAt = System.nanoTime();
            cluster.kill(oldLeader);
            EtcdMember newLeader = cluster.awaitLeader(SETTLE_TIMEOUT);
            LOG.info("new etcd leader {} elected {} ms after killing {}", newLeader.name(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt), oldLeader.name());

            // then
            assertThat(oldLeader.isAlive()).isFalse();
            assertThat(newLeader).isNotEqualTo(oldLeader);
            put(client, "during-outage", "2");

            // when
            cluster.restart(oldLeader);
            cluster.awaitHealthy(SETTLE_TIMEOUT);
            long revision = put(client, "after-rejoin", "3");

            // then
            await().atMost(SETTLE_TIMEOUT).ignoreExceptions().untilAsserted(() ->
                assertThat(hashesAt(revision)).hasSize(3).containsOnly(hashAt(cluster.member(0), revision)));
        }
    }

    @Test
    void closeLeavesNoProcessOrDirectoryBehind() throws IOException {
        // given a member killed and restarted from its command by a process the kit did not start
        EtcdCluster single = EtcdCluster.start(1);
        Path directory = single.directory();
        EtcdMember member = single.member(0);
        Process outsider = null;
        try {
            single.kill(member);
            outsider = new ProcessBuilder(member.command()).redirectErrorStream(true)
                .redirectOutput(Redirect.DISCARD).start();
            single.awaitHealthy(SETTLE_TIMEOUT);
            assertThat(member.pid()).hasValue(outsider.pid());

            // when
            single.close();

            // then
            assertThat(outsider.isAlive()).isFalse();
            assertThat(ProcessSweep.withArgumentContaining(directory.toString())).isEmpty();
            assertThat(directory).doesNotExist();
        } finally {
            single.close();
            if (outsider != null) {
                outsider.destroyForcibly();
            }
        }
    }

    private static long put(Client client, String key, String value) {
        return await().atMost(SETTLE_TIMEOUT).ignoreExceptions().until(
            () -> client.getKVClient().put(bytes(key), bytes(value))
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getHeader().getRevision(),
            revision -> revision > 0);
    }

    private static List<Integer> hashesAt(long revision) throws Exception {
        List<Integer> hashes = new ArrayList<>();
        for (EtcdMember member : cluster.members()) {
            hashes.add(hashAt(member, revision));
        }
        return hashes;
    }

    private static int hashAt(EtcdMember member, long revision) throws Exception {
        try (Client client = Client.builder().endpoints(member.clientUrl()).build()) {
            return client.getMaintenanceClient().hashKV(member.clientUrl(), revision)
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getHash();
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
