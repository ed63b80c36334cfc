package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.EtcdSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** etcd's MOVE_LEADER on a real three-member cluster: the leader hands on, a follower is left alone. */
class EtcdMoveLeaderActionIT {

    private static EtcdCluster cluster;
    private static ClusterSpec spec;
    private final EtcdAdapter etcd = new EtcdAdapter(Duration.ofSeconds(2));
    private final EtcdMoveLeaderAction move = new EtcdMoveLeaderAction(etcd);

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = EtcdCluster.start(3);
        Path work = Files.createTempDirectory("revive-move-leader-");
        spec = EtcdSpecs.describe("move-leader", cluster, work);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void closeAdapter() {
        etcd.close();
    }

    @Test
    void leaderHandsLeadershipToAnotherVoter() {
        EtcdMember leader = cluster.leader();

        StepOutcome outcome = move.execute(context(leader));

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SUCCEEDED);
        EtcdMember now = cluster.leader();
        assertThat(now.name()).isNotEqualTo(leader.name());
        assertThat(outcome.detail()).contains("from " + leader.name(), "to " + now.name());
    }

    @Test
    void followerIsSkippedAndLeadershipStays() {
        EtcdMember leader = cluster.leader();
        EtcdMember follower = cluster.members().stream().filter(member -> !member.name().equals(leader.name()))
                .findFirst().orElseThrow();

        StepOutcome outcome = move.execute(context(follower));

        assertThat(outcome.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(outcome.detail()).contains("does not lead", leader.name());
        assertThat(cluster.leader().name()).isEqualTo(leader.name());
    }

    @Test
    void dryRunNamesTheMemberItWouldHandTo() {
        EtcdMember leader = cluster.leader();

        String described = move.describe(context(leader));

        assertThat(described).contains("would move the leadership from " + leader.name());
        assertThat(cluster.leader().name()).isEqualTo(leader.name());
    }

    private static StepContext context(EtcdMember member) {
        PlanStep step = new PlanStep(member.name() + ".01-move-leader", Action.MOVE_LEADER, member.name(),
                StepParams.within(Duration.ofSeconds(10)), OnFailure.ABORT);
        RecoveryPlan plan = new RecoveryPlan("inc-ml-r1", "inc-ml", spec.id(), 1, PlanScope.CLUSTER, PlanMode.AUTO,
                null, List.of("f-1"), List.of(step), Instant.now(), Instant.now());
        return new StepContext(plan, step, spec);
    }
}
