package dev.revive.targets.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepOutcome;
import dev.revive.testkit.RedisCluster;
import dev.revive.testkit.RedisSpecs;
import dev.revive.testkit.RespConnection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * FENCE_WRITES / UNFENCE against a real Redis primary with two replicas: the fence holds a write on the primary
 * (reads still answer), UNFENCE lets it through, and a second UNFENCE succeeds as well; with the primary down the
 * fence fails with why.
 */
class RedisWriteFenceActionIT extends RedisActionFixture {

    @Test
    void theFenceHoldsAWriteUntilUnfenceAndASecondUnfenceIsHarmless() throws Exception {
        // given
        cluster = RedisCluster.start();
        ClusterSpec spec = RedisSpecs.describe("redis-fence", cluster, workDir);
        Map<Action, ActionHandler> handlers = RedisSteps.handlers(redis);

        // when
        StepOutcome fenced = handlers.get(Action.FENCE_WRITES)
                .execute(RedisSteps.step(spec, "plan-fence", Action.FENCE_WRITES, null));
        CompletableFuture<Object> write = CompletableFuture.supplyAsync(() -> {
            try (RespConnection primary = RespConnection.open("127.0.0.1", cluster.port("r1"), WAIT)) {
                return primary.call("SET", "fenced", "1");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // then: the write waits on the primary (a blocked client), which still answers reads
        assertThat(fenced.status()).as(fenced.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(PauseRecord.find(spec, "plan-fence").orElseThrow().nodeId()).isEqualTo("r1");
        await().atMost(WAIT).until(() -> cluster.info("r1", "clients")
                .map(fields -> Integer.parseInt(fields.get("blocked_clients")) > 0).orElse(false));
        assertThat(write).isNotDone();
        try (RespConnection reader = cluster.connect("r1")) {
            assertThat(reader.call("GET", "fenced")).isNull();
        }

        // when
        StepOutcome unfenced = handlers.get(Action.UNFENCE)
                .execute(RedisSteps.step(spec, "plan-fence", Action.UNFENCE, null));
        StepOutcome again = handlers.get(Action.UNFENCE)
                .execute(RedisSteps.step(spec, "plan-fence", Action.UNFENCE, null));

        // then
        assertThat(unfenced.status()).as(unfenced.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(write.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("OK");
        assertThat(again.status()).as(again.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(again.detail()).contains("nothing is paused");
    }

    @Test
    void withThePrimaryDownTheFenceFailsSayingWhy() throws Exception {
        // given
        cluster = RedisCluster.start();
        ClusterSpec spec = RedisSpecs.describe("redis-fence-down", cluster, workDir);
        cluster.kill9("r1");

        // when
        StepOutcome outcome = RedisSteps.handlers(redis).get(Action.FENCE_WRITES)
                .execute(RedisSteps.step(spec, "plan-fence-down", Action.FENCE_WRITES, null));

        // then
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.FAILED);
        assertThat(outcome.detail()).contains("the write fence cannot be set");
        assertThat(PauseRecord.find(spec, "plan-fence-down")).isEmpty();
    }
}
