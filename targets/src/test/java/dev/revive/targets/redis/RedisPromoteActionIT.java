package dev.revive.targets.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.StepParams;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.testkit.RedisCluster;
import dev.revive.testkit.RedisSpecs;
import dev.revive.testkit.RedisWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PROMOTE against a real Redis primary with two replicas: after the primary is killed, the replica with the highest
 * offset is promoted, the other repointed, the choice and the data-loss bound recorded; with the primary alive, a
 * planned switchover under a running writer loses no acknowledged write; a frozen primary whose replicas still see it
 * linked is not replaced; a replica's step is skipped.
 */
class RedisPromoteActionIT extends RedisActionFixture {

    @Test
    void afterThePrimaryIsKilledTheReplicaWithTheHighestOffsetIsPromotedAndTheOtherFollowsIt() throws Exception {
        // given: r3 frozen while r1 takes more writes than the sockets can buffer for it, r2 receives them all,
        // then r1 killed
        cluster = RedisCluster.start();
        ClusterSpec spec = RedisSpecs.describe("redis-promote", cluster, workDir);
        cluster.sigstop("r3");
        String value = "x".repeat(100_000);
        try (var primary = cluster.connect("r1")) {
            for (int i = 0; i < 400; i++) {
                primary.call("SET", "k" + i, value);
            }
        }
        long primaryOffset = offset("r1", "master_repl_offset");
        await().atMost(WAIT).until(() -> offset("r2", "slave_repl_offset") == primaryOffset);
        cluster.kill9("r1");
        cluster.sigcont("r3");
        await().atMost(WAIT).until(() -> cluster.roleOf("r3").isPresent());
        long lastKnown = primaryOffset + 100;

        // when
        StepOutcome outcome = promote(spec, "plan-failover", "r1", lastKnown);

        // then
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.detail()).contains("failover from r1 to r2").contains("data-loss bound at most");
        PromotionRecord record = PromotionRecord.find(spec, "plan-failover").orElseThrow();
        assertThat(record.to()).isEqualTo("r2");
        assertThat(record.chosenOffset()).isEqualTo(primaryOffset);
        assertThat(record.others()).containsOnlyKeys("r3");
        assertThat(record.others().get("r3")).isLessThan(primaryOffset);
        assertThat(record.lastKnownPosition()).isEqualTo(lastKnown);
        assertThat(record.boundBytes()).isEqualTo(100);
        assertThat(cluster.roleOf("r2")).contains("master");
        Map<String, String> r3 = cluster.info("r3", "replication").orElseThrow();
        assertThat(r3.get("master_port")).isEqualTo(String.valueOf(cluster.port("r2")));
        assertThat(r3.get("master_link_status")).isEqualTo("up");
        CheckFinding loss = RedisDataLoss.check(new CheckRequest(spec, null, 1, "plan-failover", null));
        assertThat(loss.kind()).isEqualTo(CheckFinding.Kind.HEALTH);
        assertThat(loss.result().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(loss.result().observed()).isEqualTo("at most 100 bytes of acknowledged writes lost (last known"
                + " offset " + lastKnown + ", promoted r2 at " + primaryOffset + ")");
    }

    @Test
    void aRepeatedPromoteAfterTheFailoverSucceedsWithoutChangingTheRecord() throws Exception {
        // given
        cluster = RedisCluster.start();
        ClusterSpec spec = RedisSpecs.describe("redis-repeat", cluster, workDir);
        cluster.kill9("r1");
        StepOutcome first = promote(spec, "plan-repeat", "r1", null);
        assertThat(first.status()).as(first.detail()).isEqualTo(StepStatus.SUCCEEDED);
        byte[] recorded = Files.readAllBytes(PromotionRecord.file(spec, "plan-repeat"));

        // when
        StepOutcome second = promote(spec, "plan-repeat", "r1", null);

        // then
        assertThat(second.status()).as(second.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(second.detail()).startsWith("already promoted").contains("data-loss bound an unknown number");
        assertThat(Files.readAllBytes(PromotionRecord.file(spec, "plan-repeat"))).isEqualTo(recorded);
        assertThat(RedisDataLoss.check(new CheckRequest(spec, null, 1, "plan-repeat", null)).result().status())
                .isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void aPlannedSwitchoverUnderARunningWriterLosesNoAcknowledgedWrite() throws Exception {
        // given
        cluster = RedisCluster.start();
        ClusterSpec spec = RedisSpecs.describe("redis-switchover", cluster, workDir);
        RedisWriter writer = RedisWriter.start("127.0.0.1", cluster.port("r1"));
        await().atMost(WAIT).until(() -> writer.acknowledged() >= 200);

        // when
        StepOutcome outcome = promote(spec, "plan-switchover", "r1", null);

        // then
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SUCCEEDED);
        PromotionRecord record = PromotionRecord.find(spec, "plan-switchover").orElseThrow();
        assertThat(record.planned()).isTrue();
        assertThat(record.boundBytes()).isZero();
        await().atMost(WAIT).until(() -> writer.failures() > 0);
        writer.close();
        assertThat(cluster.roleOf(record.to())).contains("master");
        assertThat(cluster.roleOf("r1")).contains("slave");
        assertThat(writer.missingFrom("127.0.0.1", cluster.port(record.to()))).isEmpty();
        assertThat(RedisDataLoss.check(new CheckRequest(spec, null, 1, "plan-switchover", null)).result().status())
                .isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aFrozenPrimaryThatItsReplicasStillSeeLinkedIsNotReplaced() {
        // given: r1 frozen, so it answers nothing, but its replicas' links stay up until their replication timeout
        cluster = RedisCluster.start();
        ClusterSpec spec = RedisSpecs.describe("redis-frozen", cluster, workDir);
        cluster.sigstop("r1");

        // when
        StepOutcome outcome = promote(spec, "plan-frozen", "r1", null, Duration.ofSeconds(3));

        // then
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.FAILED);
        assertThat(outcome.detail()).contains("still have their link to it up");
        assertThat(cluster.roleOf("r2")).contains("slave");
        assertThat(cluster.roleOf("r3")).contains("slave");
        assertThat(PromotionRecord.find(spec, "plan-frozen")).isEmpty();
    }

    @Test
    void aReplicasStepIsSkippedAndChangesNothing() {
        // given
        cluster = RedisCluster.start();
        ClusterSpec spec = RedisSpecs.describe("redis-replica", cluster, workDir);

        // when
        StepOutcome outcome = promote(spec, "plan-replica", "r2", 500L);

        // then
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SKIPPED);
        assertThat(outcome.detail()).contains("r2 answers as a replica");
        assertThat(cluster.roleOf("r1")).contains("master");
        assertThat(PromotionRecord.find(spec, "plan-replica")).isEmpty();
    }

    private StepOutcome promote(ClusterSpec spec, String planId, String nodeId, Long lastKnown) {
        return promote(spec, planId, nodeId, lastKnown, RedisSteps.STEP_TIMEOUT);
    }

    private StepOutcome promote(ClusterSpec spec, String planId, String nodeId, Long lastKnown, Duration timeout) {
        try {
            return RedisSteps.handlers(redis).get(Action.PROMOTE).execute(RedisSteps.step(spec, planId, Action.PROMOTE,
                    nodeId, StepParams.within(timeout).withLastKnownPosition(lastKnown)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long offset(String id, String field) {
        return cluster.info(id, "replication").map(fields -> Long.parseLong(fields.get(field))).orElse(-1L);
    }
}
