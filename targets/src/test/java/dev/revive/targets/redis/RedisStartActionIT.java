package dev.revive.targets.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.targets.action.StepOutcome;
import dev.revive.testkit.RedisCluster;
import dev.revive.testkit.RedisSpecs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * START against a real Redis primary with two replicas: the old primary, started again after a replica took over,
 * comes up as a replica of the new primary, never answers as a primary, and then counts as caught up; a running node
 * is skipped.
 */
class RedisStartActionIT extends RedisActionFixture {

    @Test
    void theOldPrimaryStartsAsAReplicaOfThePromotedNodeNeverAnswersAsPrimaryAndCatchesUp() throws Exception {
        // given: r1 killed, r2 promoted, r3 following r2
        cluster = RedisCluster.start();
        ClusterSpec spec = RedisSpecs.describe("redis-start", cluster, workDir);
        cluster.kill9("r1");
        redis.replicaOfNoOne(endpoint("r2"));
        redis.replicaOf(endpoint("r3"), "127.0.0.1", cluster.port("r2"));
        await().atMost(WAIT).until(() -> cluster.roleOf("r2").equals(Optional.of("master")));

        // when
        StepOutcome outcome = RedisSteps.handlers(redis).get(Action.START)
                .execute(RedisSteps.step(spec, "plan-start", Action.START, "r1"));

        // then
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.detail()).contains("as a replica of r2").contains("--replicaof 127.0.0.1 "
                + cluster.port("r2"));
        List<String> roles = new CopyOnWriteArrayList<>();
        await().atMost(WAIT).until(() -> {
            Optional<Map<String, String>> info = cluster.info("r1", "replication");
            info.ifPresent(fields -> roles.add(fields.get("role")));
            return info.map(fields -> "up".equals(fields.get("master_link_status"))).orElse(false);
        });
        assertThat(roles).isNotEmpty().doesNotContain("master");
        assertThat(cluster.info("r1", "replication").orElseThrow().get("master_port"))
                .isEqualTo(String.valueOf(cluster.port("r2")));

        // when
        StepOutcome caughtUp = RedisSteps.handlers(redis).get(Action.AWAIT_CAUGHT_UP)
                .execute(RedisSteps.step(spec, "plan-start", Action.AWAIT_CAUGHT_UP, "r1"));

        // then
        assertThat(caughtUp.status()).as(caughtUp.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(caughtUp.detail()).contains("r1 caught up").contains("of r2");
    }

    @Test
    void aRunningNodeIsSkipped() throws Exception {
        // given
        cluster = RedisCluster.start();
        ClusterSpec spec = RedisSpecs.describe("redis-start-running", cluster, workDir);

        // when
        StepOutcome outcome = RedisSteps.handlers(redis).get(Action.START)
                .execute(RedisSteps.step(spec, "plan-running", Action.START, "r2"));

        // then
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SKIPPED);
        assertThat(outcome.detail()).contains("already runs");
    }

    private String endpoint(String id) {
        return "redis://127.0.0.1:" + cluster.port(id);
    }
}
