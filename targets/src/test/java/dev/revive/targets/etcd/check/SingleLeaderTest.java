package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SingleLeaderTest {

    private final SingleLeader check = new SingleLeader();

    @Test
    void passesWhenAllNameTheSameAnsweringLeader() {
        // given
        FakeCluster cluster = FakeCluster.healthy(3);

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).isEqualTo("m0 is leader, seen by 3 answering member(s) at term 2");
        assertThat(result.evidence()).containsOnly(entry("m0", "leader=m0 term=2"), entry("m1", "leader=m0 term=2"),
                entry("m2", "leader=m0 term=2"));
    }

    static Stream<Arguments> leaderTrouble() {
        return Stream.of(
                Arguments.of(Contexts.change("members disagree", cluster -> cluster.member("m2").leaderId = 3),
                        "members name 2 different leaders"),
                Arguments.of(Contexts.change("no member knows a leader", cluster -> {
                    cluster.member("m0").leaderId = 0;
                    cluster.member("m1").leaderId = 0;
                    cluster.member("m2").leaderId = 0;
                }), "no member knows a leader"),
                Arguments.of(Contexts.change("the leader does not answer", cluster -> cluster.silent("m0")),
                        "the leader 1 does not answer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaderTrouble")
    void failsAndSaysWhy(Consumer<FakeCluster> trouble, String observed) {
        // given
        FakeCluster cluster = FakeCluster.healthy(3);
        trouble.accept(cluster);

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo(observed);
    }
}
