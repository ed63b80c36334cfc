package dev.revive.targets.action;

import static dev.revive.targets.action.ActionFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AWAIT_QUORUM: one leader and a majority of the voting members healthy, read from the kind's live view. */
class AwaitQuorumTest {

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(ActionFixtures.T0);
    private final ActionFixtures.FakePacer pacer = new ActionFixtures.FakePacer(clock);
    private final FakeKind kind = new FakeKind(SystemKind.ETCD);
    private ActionHandlers handlers;
    private ClusterSpec spec;

    @BeforeEach
    void everyMemberDown() {
        spec = ActionFixtures.cluster(root, SystemKind.ETCD);
        handlers = new ActionHandlers(new TargetKinds(List.of(kind)), new NodeDrivers(List.of(new FakeNodeDriver())),
                Runbooks.standard(), new Polling(clock, pacer, Duration.ofMillis(200)));
    }

    @Test
    void succeedsOnceOneLeaderAndAMajorityOfVotersAreHealthyNamingThem() throws InterruptedException {
        int[] polls = {0};
        pacer.onPause(() -> {
            polls[0]++;
            if (polls[0] == 1) {
                kind.answersWithoutLeader("m0", 5);
            } else if (polls[0] == 2) {
                kind.answers("m2", MemberRole.LEADER, 6);
            } else if (polls[0] == 3) {
                kind.answers("m0", MemberRole.FOLLOWER, 6);
            }
        });

        StepOutcome outcome = awaitQuorum();

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(polls[0]).isEqualTo(3);
        assertThat(outcome.detail()).startsWith("leader m2, 2 of 3 voting members healthy: m0, m2");
    }

    @Test
    void aLeaderAloneIsNoQuorum() throws InterruptedException {
        kind.answers("m0", MemberRole.LEADER, 6);
        kind.answersWithoutLeader("m1", 6);

        StepOutcome outcome = awaitQuorum();

        assertThat(outcome.status()).isEqualTo(StepStatus.TIMED_OUT);
        assertThat(outcome.detail()).contains("has no quorum within PT30S: leader m0, 1 of 3 voting members healthy: m0",
                "not healthy: m1 (no leader), m2 (silent)");
    }

    @Test
    void aHealthyLearnerDoesNotCountTowardsTheMajority() throws InterruptedException {
        kind.answers("m0", MemberRole.LEADER, 6);
        kind.answers("m1", MemberRole.LEARNER, 6);

        StepOutcome outcome = awaitQuorum();

        assertThat(outcome.status()).isEqualTo(StepStatus.TIMED_OUT);
        assertThat(outcome.detail()).contains("1 of 3 voting members healthy: m0");
    }

    @Test
    void twoMembersThatClaimToLeadAreNoAgreement() throws InterruptedException {
        kind.answers("m0", MemberRole.LEADER, 6);
        kind.answers("m1", MemberRole.LEADER, 6);
        kind.answers("m2", MemberRole.FOLLOWER, 6);

        StepOutcome outcome = awaitQuorum();

        assertThat(outcome.status()).isEqualTo(StepStatus.TIMED_OUT);
        assertThat(outcome.detail()).contains("2 members claim to lead, 3 of 3 voting members healthy");
    }

    @Test
    void everyMemberDownTimesOutSayingThereIsNoLeader() throws InterruptedException {
        StepOutcome outcome = awaitQuorum();

        assertThat(outcome.status()).isEqualTo(StepStatus.TIMED_OUT);
        assertThat(outcome.detail()).contains("no leader, 0 of 3 voting members healthy; not healthy: m0 (silent)");
        assertThat(clock.instant()).isEqualTo(ActionFixtures.T0.plusSeconds(30));
    }

    @Test
    void describeSaysWhatItWouldWaitForAndReadsNothing() {
        String described = handlers.describe(context(spec, Action.AWAIT_QUORUM, null));

        assertThat(described).isEqualTo("would wait up to PT30S for the members of c-1 to agree on one leader and for"
                + " 2 of its 3 voting members m0, m1, m2 to be healthy, asking every PT0.2S");
    }

    private StepOutcome awaitQuorum() throws InterruptedException {
        return handlers.execute(context(spec, Action.AWAIT_QUORUM, null));
    }
}
