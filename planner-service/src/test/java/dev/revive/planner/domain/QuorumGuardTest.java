package dev.revive.planner.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.plan.PlanMode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuorumGuardTest {

    @Test
    void oneMemberDownOfThreeIsSafe() {
        assertThat(QuorumGuard.check(Fixtures.etcd(), Set.of("n1"), "n1")).isEmpty();
    }

    @Test
    void twoOfThreeDownBreaksQuorumAndPolicy() {
        assertThat(QuorumGuard.check(Fixtures.etcd(), Set.of("n1"), "n2"))
                .hasSize(2)
                .anySatisfy(concern -> assertThat(concern).startsWith("quorum:").contains("n1, n2", "2 of 3"))
                .anySatisfy(concern -> assertThat(concern).startsWith("policy:"));
    }

    @Test
    void policyLimitAppliesEvenWhenQuorumWouldHold() {
        var fiveMembers = Fixtures.etcd("big", Fixtures.policy(PlanMode.AUTO, 1, 3), 5);

        assertThat(QuorumGuard.check(fiveMembers, Set.of("n1"), "n2"))
                .singleElement().asString().startsWith("policy: maxConcurrentDisruptions is 1");
        assertThat(QuorumGuard.check(Fixtures.etcd("big", Fixtures.policy(PlanMode.AUTO, 2, 3), 5), Set.of("n1"), "n2"))
                .isEmpty();
    }
}
