package dev.revive.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.plan.RecoveryPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReferenceStoreTest {

    private final ReferenceStore store = new ReferenceStore();
    private final RecoveryPlan plan = Samples.plan("etcd-3", "inc-1");

    @Test
    void planThatArrivesWhileWaitingIsFound() throws Exception {
        CompletableFuture<Optional<RecoveryPlan>> waiting =
                CompletableFuture.supplyAsync(() -> store.awaitPlan(plan.planId(), Duration.ofSeconds(10)));

        store.putPlan(plan);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).contains(plan);
    }

    @Test
    void waitForAnUnknownPlanIsBounded() {
        assertThat(store.awaitPlan("nope", Duration.ofMillis(50))).isEmpty();
    }

    @Test
    void clusterTombstoneForgetsTheSpec() {
        store.putCluster(Samples.etcd("etcd-3", 3));

        store.removeCluster("etcd-3");

        assertThat(store.awaitCluster("etcd-3", Duration.ZERO)).isEmpty();
    }

    @Test
    void reportedPlansAreRemembered() {
        store.markReported(plan.planId());

        assertThat(store.isReported(plan.planId())).isTrue();
        assertThat(store.isReported("other")).isFalse();
    }

    @Test
    void theLatestSucceededStartOfAPlanIsItsRestartTime() {
        Instant first = Instant.parse("2025-03-14T09:27:20Z");
        Instant second = first.plusSeconds(3);

        store.recordRestart(plan.planId(), second);
        store.recordRestart(plan.planId(), first);

        assertThat(store.restartedAt(plan.planId())).contains(second);
        assertThat(store.restartedAt("other")).isEmpty();
    }
}
