package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import org.junit.jupiter.api.Test;

class SingleLeaderTest {

    private final SingleLeader check = new SingleLeader();

    @Test
    void passesWhenAllNameTheSameAnsweringLeader() {
        FakeCluster cluster = FakeCluster.healthy(3);

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).startsWith("m0 is leader");
        assertThat(result.evidence()).containsEntry("m1", "leader=m0 term=2");
    }

    @Test
    void failsWhenMembersDisagree() {
        FakeCluster cluster = FakeCluster.healthy(3);
        cluster.member("m2").leaderId = 3;

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("members name 2 different leaders");
        assertThat(result.evidence()).containsEntry("m2", "leader=m2 term=2");
    }

    @Test
    void failsWhenNoMemberKnowsALeader() {
        FakeCluster cluster = FakeCluster.healthy(3);
        cluster.member("m0").leaderId = 0;
        cluster.member("m1").leaderId = 0;
        cluster.member("m2").leaderId = 0;

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("no member knows a leader");
    }

    @Test
    void failsWhenTheLeaderDoesNotAnswer() {
        FakeCluster cluster = FakeCluster.healthy(3).silent("m0");

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("the leader 1 does not answer");
    }

    @Test
    void isAnErrorWhenNoMemberAnswers() {
        FakeCluster cluster = FakeCluster.healthy(1).silent("m0");

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
    }
}
