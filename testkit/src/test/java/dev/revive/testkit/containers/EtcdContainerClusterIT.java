package dev.revive.testkit.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.DockerControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.testkit.containers.EtcdContainerCluster.ContainerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's etcd members as containers, on the local engine (podman's Docker API here). */
class EtcdContainerClusterIT {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** etcd (zap logger) writes this once at the start of every process. */
    private static final String START_LINE = "\"msg\":\"starting an etcd server\"";

    @Test
    void comesUpHealthyWithALeaderAndAKilledMemberContainerStopsWhileTheOthersRun() {
        try (EtcdContainerCluster cluster = EtcdContainerCluster.start(3)) {
            // given
            EtcdContainerMember leader = cluster.leader();
            assertThat(cluster.members()).allSatisfy(member -> {
                assertThat(member.container()).startsWith(EtcdContainerCluster.NAME_PREFIX).endsWith(member.name());
                assertThat(cluster.isRunning(member)).as(member + " runs").isTrue();
                assertThat(cluster.isHealthy(member)).as(member + " healthy").isTrue();
            });
            EtcdContainerMember follower = cluster.members().stream().filter(member -> member != leader)
                .findFirst().orElseThrow();

            // when
            cluster.kill(follower);

            // then
            assertThat(cluster.state(follower)).get().extracting(ContainerState::running).isEqualTo(false);
            assertThat(cluster.isHealthy(follower)).isFalse();
            List<EtcdContainerMember> others = cluster.members().stream().filter(member -> member != follower)
                .toList();
            assertThat(others).allSatisfy(member -> assertThat(cluster.isRunning(member)).isTrue());
            await("a leader among the two others").atMost(SETTLE)
                .until(() -> cluster.findLeader().filter(others::contains).isPresent());
        }
    }

    @Test
    void closeRemovesEveryContainerRunningOrKilledAndTheDirectory() {
        // given
        EtcdContainerCluster cluster = EtcdContainerCluster.start(3);
        Path directory = cluster.directory();
        cluster.kill(cluster.member(0));

        // when
        cluster.close();

        // then
        assertThat(cluster.members()).allSatisfy(member -> assertThat(cluster.state(member))
            .as(member.container() + " removed").isEmpty());
        assertThat(directory).doesNotExist();
    }

    @Test
    void killedMemberContainerStartedAgainByNameRejoinsOnItsDataDir() throws IOException {
        try (EtcdContainerCluster cluster = EtcdContainerCluster.start(3)) {
            // given
            EtcdContainerMember member = cluster.member(1);
            ContainerState before = cluster.state(member).orElseThrow();
            cluster.kill(member);

            // when
            cluster.start(member);

            // then
            cluster.awaitHealthy(SETTLE);
            ContainerState after = cluster.state(member).orElseThrow();
            assertThat(after.running()).isTrue();
            assertThat(after.startedAt()).isAfter(before.startedAt());
            assertThat(starts(member.etcd().logFile())).as("starts in " + member.etcd().logFile()).isEqualTo(2);
        }
    }

    @Test
    void specNamesEachContainerAndTheEngineForTheDockerDriver(@TempDir Path workDir) {
        try (EtcdContainerCluster cluster = EtcdContainerCluster.start(1)) {
            // when
            ClusterSpec spec = EtcdContainerSpecs.describe("containers", cluster, workDir);

            // then
            assertThat(spec.kind()).isEqualTo(SystemKind.ETCD);
            assertThat(spec.nodes()).singleElement().satisfies(node -> {
                assertThat(node.id()).isEqualTo("m0");
                assertThat(node.endpoints().client()).isEqualTo(cluster.member(0).clientUrl());
                assertThat(node.control()).isEqualTo(new DockerControl(cluster.member(0).container(),
                    DockerEngine.require(), null));
                assertThat(node.logPaths()).containsExactly(cluster.member(0).etcd().logFile().toString());
                assertThat(node.tempPaths()).as("the docker driver cleans no temp paths").isEmpty();
            });
        }
    }

    private static long starts(Path logFile) throws IOException {
        try (Stream<String> lines = Files.lines(logFile)) {
            return lines.filter(line -> line.contains(START_LINE)).count();
        }
    }
}
