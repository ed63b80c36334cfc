package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ZooKeeperEnsembleIT {

    private static ZooKeeperEnsemble ensemble;

    @BeforeAll
    static void startEnsemble() {
        ensemble = ZooKeeperEnsemble.start(3);
    }

    @AfterAll
    static void closeEnsemble() {
        if (ensemble != null) {
            ensemble.close();
        }
    }

    @Test
    void killedLeaderIsReplacedAndRestartedServerFollowsAgain() {
        // given
        ZooKeeperNode oldLeader = ensemble.leader();
        assertThat(ensemble.followers()).hasSize(2).doesNotContain(oldLeader);

        // when
        ensemble.kill(oldLeader);

        // then
        assertThat(oldLeader.isAlive()).isFalse();
        ZooKeeperNode newLeader = ensemble.leader();
        assertThat(newLeader).isNotEqualTo(oldLeader);

        // when
        ensemble.restart(oldLeader);
        ensemble.awaitServing(Duration.ofSeconds(30));

        // then
        assertThat(oldLeader.isAlive()).isTrue();
        assertThat(FourLetterWords.serverState(oldLeader.clientPort(), Duration.ofSeconds(1))).contains("follower");
        ensemble.touch();
    }

    @Test
    void describesItselfAsAGenericSpecThatRestartsEachServerWithItsOwnCommand() {
        // given
        Path workDir = ensemble.directory().resolve("work");

        // when
        ClusterSpec spec = ZooKeeperSpecs.describe("zk-3", ensemble, workDir);

        // then
        assertThat(spec.kind()).isEqualTo(SystemKind.GENERIC);
        assertThat(spec.nodes()).extracting(node -> node.id()).containsExactly("z1", "z2", "z3");
        assertThat(spec.checks()).extracting(check -> check.name()).containsExactly(ZooKeeperSpecs.RUOK,
            ZooKeeperSpecs.SERVING, ZooKeeperSpecs.ONE_LEADER, ZooKeeperSpecs.FOLLOWERS_SYNCED,
            ZooKeeperSpecs.ZNODES_CAUGHT_UP);
        ProcessControl control = (ProcessControl) spec.nodes().get(1).control();
        assertThat(control.command()).isEqualTo(ensemble.node(1).command());
        assertThat(spec.nodes().get(1).logPaths()).isEqualTo(List.of(ensemble.node(1).logFile().toString()));
        assertThat(spec.nodes().get(1).endpoints().client()).isEqualTo(ensemble.node(1).clientUrl());
    }
}
