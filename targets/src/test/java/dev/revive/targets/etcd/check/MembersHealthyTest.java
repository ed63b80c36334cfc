package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.etcd.LiveMember;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembersHealthyTest {

    private final FakeCluster cluster = FakeCluster.healthy(3);
    private final MembersHealthy check = new MembersHealthy();

    @Test
    void passesWhenEveryLiveMemberServesAReadAndEverySpecMemberIsLive() {
        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).containsEntry("m0", "healthy").containsEntry("m2", "healthy");
    }

    @Test
    void aLiveMemberThatServesNoReadFails() {
        // given: m2 answers its status but not a read (e.g. no leader to confirm it)
        cluster.member("m2").unhealthy = "TIMEOUT etcd m2 health read: no answer";

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("m2 is unhealthy");
        assertThat(result.evidence().get("m2")).startsWith("unhealthy: TIMEOUT");
    }

    @Test
    void aSpecMemberMissingFromTheLiveListFails() {
        // given: m2 was removed from the cluster; an unknown member took its place
        cluster.live = List.of(live(1, "m0", 0), live(2, "m1", 1), new LiveMember(9, "", List.of(), true));

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("9 was added but has not started; m2 is not in the live member list");
        assertThat(result.evidence()).containsEntry("9", "learner, added, not started")
                .containsEntry("m2", "not a live member");
    }

    @Test
    void aLiveMemberMatchesItsSpecMemberByClientUrl() {
        // given: the live list names m1 differently, at m1's client URL
        cluster.live = List.of(live(1, "m0", 0), new LiveMember(2, "other-name",
                List.of(cluster.members().get(1).endpoint()), false), live(3, "m2", 2));

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).containsEntry("m1", "healthy");
    }

    private LiveMember live(long id, String name, int index) {
        return new LiveMember(id, name, List.of(cluster.members().get(index).endpoint()), false);
    }
}
