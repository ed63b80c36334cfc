package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import org.junit.jupiter.api.Test;

class MembersAnswerTest {

    private final MembersAnswer check = new MembersAnswer();

    @Test
    void passesWhenEveryMemberAnswers() {
        FakeCluster cluster = FakeCluster.healthy(3);

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).isEqualTo("3 of 3 members answer");
        assertThat(result.evidence()).containsOnlyKeys("m0", "m1", "m2")
                .containsEntry("m0", "raftIndex=100 term=2 revision=50");
    }

    @Test
    void failsAndNamesTheSilentMember() {
        FakeCluster cluster = FakeCluster.healthy(3).silent("m2");

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("2 of 3 members answer; silent: m2");
        assertThat(result.expected()).isEqualTo("3 of 3 members answer");
        assertThat(result.evidence().get("m2")).startsWith("no answer: REFUSED");
    }

    @Test
    void isAnErrorWhenNoMemberAnswers() {
        FakeCluster cluster = FakeCluster.healthy(3).silent("m0").silent("m1").silent("m2");

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
    }
}
