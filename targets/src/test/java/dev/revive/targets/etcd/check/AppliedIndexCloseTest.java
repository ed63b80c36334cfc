package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import org.junit.jupiter.api.Test;

class AppliedIndexCloseTest {

    private final AppliedIndexClose check = new AppliedIndexClose();

    @Test
    void passesWithinTheTolerance() {
        FakeCluster cluster = FakeCluster.healthy(3);
        cluster.member("m1").raftIndex = 90;

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).isEqualTo("largest lag 10 (raft index 90..100)");
        assertThat(result.expected()).isEqualTo("lag at most 10");
        assertThat(result.evidence()).containsEntry("m0", "100").containsEntry("m1", "90");
    }

    @Test
    void failsBeyondTheTolerance() {
        FakeCluster cluster = FakeCluster.healthy(3);
        cluster.member("m2").raftIndex = 89;

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).startsWith("largest lag 11");
    }

    @Test
    void comparesOnlyTheAnsweringMembers() {
        FakeCluster cluster = FakeCluster.healthy(3).silent("m2");
        cluster.member("m2").raftIndex = 1;

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).containsOnlyKeys("m0", "m1");
    }

    @Test
    void isAnErrorWhenNoMemberAnswers() {
        FakeCluster cluster = FakeCluster.healthy(2).silent("m0").silent("m1");

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
    }
}
