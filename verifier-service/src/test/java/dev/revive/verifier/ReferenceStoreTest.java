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
    void reportedPlanIsForgottenButStaysReported() {
        // given
        store.putPlan(plan);
        store.recordRestart(plan.planId(), Instant.parse("2025-03-14T09:27:20Z"));

        // when
        store.markReported(plan.planId());
        store.putPlan(plan);

        // then
        assertThat(store.awaitPlan(plan.planId(), Duration.ZERO)).isEmpty();
        assertThat(store.restartedAt(plan.planId())).isEmpty();
        assertThat(store.isReported(plan.planId())).isTrue();
    }

    @Test
    void plansReportedPlansAndRestartsBeyondTheCapForgetTheOldestFirst() {
        // given
        ReferenceStore bounded = new ReferenceStore(3);
        Instant at = Instant.parse("2025-03-14T09:27:20Z");

        // when
        for (int i = 1; i <= 4; i++) {
            bounded.putPlan(Samples.plan("etcd-3", "inc-" + i));
            bounded.recordRestart("inc-" + i + "-r1", at);
            bounded.markReported("reported-" + i);
        }

        // then
        assertThat(bounded.awaitPlan("inc-1-r1", Duration.ZERO)).isEmpty();
        assertThat(bounded.restartedAt("inc-1-r1")).isEmpty();
        assertThat(bounded.isReported("reported-1")).isFalse();
        for (int i = 2; i <= 4; i++) {
            assertThat(bounded.awaitPlan("inc-" + i + "-r1", Duration.ZERO)).isPresent();
            assertThat(bounded.restartedAt("inc-" + i + "-r1")).contains(at);
            assertThat(bounded.isReported("reported-" + i)).isTrue();
        }
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
