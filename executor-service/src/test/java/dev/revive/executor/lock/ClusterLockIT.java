package dev.revive.executor.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.time.IdSource;
import dev.revive.executor.plan.ExecutionEvents;
import dev.revive.executor.plan.Fixtures;
import dev.revive.executor.plan.HeldLock;
import dev.revive.executor.plan.PlanProgress;
import dev.revive.executor.plan.PlanResult;
import dev.revive.executor.plan.PlanRunner;
import dev.revive.executor.plan.RetryPolicy;
import dev.revive.executor.plan.RunControl;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.Pacer;
import dev.revive.targets.action.StepOutcome;
import dev.revive.testkit.EtcdCluster;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Locks and fencing tokens in a real coordination etcd. */
class ClusterLockIT {

    private static final Duration TTL = Duration.ofSeconds(3);
    private static EtcdCluster coordination;
    private static Client etcd;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void startCoordinationEtcd() {
        coordination = EtcdCluster.start(1);
        etcd = Client.builder().endpoints(coordination.endpoints().toArray(String[]::new)).build();
    }

    @AfterAll
    static void stopCoordinationEtcd() {
        etcd.close();
        coordination.close();
    }

    @AfterEach
    void closeLocks() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void staleExecutorCannotAct() throws Exception {
        // given: executor A holds the lock of the cluster and is running a plan
        CoordinationLocks locksA = locks("executor-a");
        CoordinationLocks locksB = locks("executor-b");
        HeldLock lockA = locksA.acquire(Fixtures.CLUSTER, () -> false);
        AtomicReference<HeldLock> lockB = new AtomicReference<>();
        List<String> actedByA = new ArrayList<>();
        ActionHandler stepsOfA = Fixtures.handler(context -> {
            actedByA.add(context.step().stepId());
            if (context.step().stepId().equals("02-stop")) {
                // when: A stalls mid-plan, its lease is gone, and executor B takes the cluster
                revokeLease(lockA);
                lockB.set(locksB.acquire(Fixtures.CLUSTER, () -> false));
            }
            return StepOutcome.succeeded("done");
        });

        PlanResult resultOfA = runner(stepsOfA, "executor-a")
                .run(Fixtures.restartPlan("m2"), Fixtures.cluster(Path.of("/srv/revive-test")), lockA,
                        PlanProgress.none(), RunControl.none());

        // then: A's next fence check fails and A does not act again; B's token is newer and admits B
        assertThat(actedByA).containsExactly("01-snapshot", "02-stop");
        assertThat(resultOfA).isInstanceOf(PlanResult.Stopped.class);
        assertThat(((PlanResult.Stopped) resultOfA).reason()).contains("fencing token " + lockA.token());
        assertThat(lockB.get().token()).isGreaterThan(lockA.token());
        assertThat(lockA.admit("inc-1-r1", "03-force-kill")).isFalse();
        assertThat(lockB.get().admit("inc-2-r1", "01-snapshot")).isTrue();
        assertThat(value("revive/fence/" + Fixtures.CLUSTER)).isEqualTo("inc-2-r1/01-snapshot");
        assertThat(value("revive/locks/" + Fixtures.CLUSTER)).isEqualTo("executor-b");
        lockB.get().close();
    }

    @Test
    void lockIsExclusiveUntilReleasedAndThenGetsANewerToken() throws Exception {
        CoordinationLocks locksA = locks("executor-a");
        CoordinationLocks locksB = locks("executor-b");
        HeldLock lockA = locksA.acquire("etcd-b", () -> false);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);

        HeldLock refused = locksB.acquire("etcd-b", () -> System.nanoTime() > deadline);
        lockA.close();
        HeldLock lockB = locksB.acquire("etcd-b", () -> false);

        assertThat(refused).isNull();
        assertThat(lockB.token()).isGreaterThan(lockA.token());
        assertThat(lockA.admit("inc-3-r1", "01-snapshot")).isFalse();
        lockB.close();
        assertThat(value("revive/locks/etcd-b")).isNull();
    }

    @Test
    void crashedExecutorsLockFreesItselfAfterItsTtl() throws Exception {
        CoordinationLocks crashing = new CoordinationLocks(coordination.endpoints(), "executor-a", TTL,
                Duration.ofSeconds(2), Duration.ofMillis(100));
        HeldLock lockA = crashing.acquire("etcd-c", () -> false);
        crashing.close();
        long start = System.nanoTime();

        HeldLock lockB = locks("executor-b").acquire("etcd-c", () -> false);

        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(lockB.token()).isGreaterThan(lockA.token());
        assertThat(waitedMillis).isBetween(1_000L, 10_000L);
        lockB.close();
    }

    private CoordinationLocks locks(String executorId) {
        CoordinationLocks locks = new CoordinationLocks(coordination.endpoints(), executorId, TTL, Duration.ofSeconds(2),
                Duration.ofMillis(100));
        closeables.add(locks);
        return locks;
    }

    private static PlanRunner runner(ActionHandler steps, String executorId) {
        return new PlanRunner(steps, event -> { }, new ExecutionEvents(Clock.systemUTC(), IdSource.random(), executorId),
                Pacer.sleeping(), new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(100)));
    }

    private static void revokeLease(HeldLock lock) {
        try {
            etcd.getLeaseClient().revoke(((EtcdClusterLock) lock).leaseId()).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(String key) throws Exception {
        List<KeyValue> found = etcd.getKVClient().get(Coordination.bytes(key)).get(5, TimeUnit.SECONDS).getKvs();
        return found.isEmpty() ? null : found.get(0).getValue().toString(StandardCharsets.UTF_8);
    }
}
