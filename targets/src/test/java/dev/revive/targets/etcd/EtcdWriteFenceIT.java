package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.targets.security.JetcdSecurity;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdSpecs;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write fence against a real 3-member etcd cluster with auth enabled (TLS, {@code root}, and per test an
 * application user whose role may read and write its own prefix): the fence takes write away and keeps read, the
 * unfence gives write back, a repeated fence keeps the original record, and the steps skip with their reasons when
 * there is nothing recorded or no role named. Each test has its own role, user, prefix and plan.
 */
class EtcdWriteFenceIT {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private static EtcdCluster cluster;

    @TempDir
    Path workDir;

    private final EtcdAdapter etcd = new EtcdAdapter(CALL_TIMEOUT);
    private final EtcdWriteFence fence = new EtcdWriteFence(etcd);

    @BeforeAll
    static void startClusterWithAuth() {
        cluster = EtcdCluster.startSecure(3);
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
    void theFenceTakesWriteAwayKeepingReadAndTheUnfenceGivesItBack() throws Exception {
        // given
        ClientSecurity app = cluster.addApplicationUser("orders", "orders-rw", "orders/");
        ClusterSpec spec = EtcdSpecs.describe("etcd-fence", cluster, workDir, List.of("orders-rw"));
        RecoveryPlan plan = plan("inc-orders");
        put(app, "orders/1", "before");

        // when
        StepOutcome fenced = run(fence.fence(), plan, Action.FENCE_WRITES, spec);

        // then
        assertThat(fenced.status()).as(fenced.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(fenced.detail()).contains("orders-rw: READWRITE [orders/, orders0) -> READ [orders/, orders0)");
        assertThat(putFailure(app, "orders/1", "during")).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(get(app, "orders/1")).isEqualTo("before");

        // when
        StepOutcome unfenced = run(fence.unfence(), plan, Action.UNFENCE, spec);

        // then
        assertThat(unfenced.status()).as(unfenced.detail()).isEqualTo(StepStatus.SUCCEEDED);
        put(app, "orders/1", "after");
        assertThat(get(app, "orders/1")).isEqualTo("after");
    }

    @Test
    void aRepeatedFenceKeepsTheOriginalRecordSoTheUnfenceRestoresTheOriginalPermissions() throws Exception {
        // given: a role that reads and writes a prefix and may only write one more key
        ClientSecurity app = cluster.addApplicationUser("billing", "billing-rw", "billing/");
        etcd.grant(cluster.endpoints().get(0), cluster.clientSecurity(), "billing-rw",
                RolePermission.of(RolePermission.Type.WRITE, bytes("jobs/billing"), new byte[0]));
        List<RolePermission> original = permissions("billing-rw");
        ClusterSpec spec = EtcdSpecs.describe("etcd-fence", cluster, workDir, List.of("billing-rw"));
        RecoveryPlan plan = plan("inc-billing");
        Path record = WriteFenceRecord.file(spec, plan.planId());

        // when: the fence runs, and again as the retry after a crash would
        StepOutcome first = run(fence.fence(), plan, Action.FENCE_WRITES, spec);
        byte[] recorded = Files.readAllBytes(record);
        StepOutcome second = run(fence.fence(), plan, Action.FENCE_WRITES, spec);

        // then: the second attempt finds the fence in place and the record untouched
        assertThat(first.status()).as(first.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(permissions("billing-rw")).containsExactly(
                RolePermission.of(RolePermission.Type.READ, bytes("billing/"), bytes("billing0")));
        assertThat(putFailure(app, "jobs/billing", "x")).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(second.status()).as(second.detail()).isEqualTo(StepStatus.SKIPPED);
        assertThat(second.detail()).contains("fence in place");
        assertThat(Files.readAllBytes(record)).isEqualTo(recorded);

        // when
        StepOutcome unfenced = run(fence.unfence(), plan, Action.UNFENCE, spec);
        StepOutcome again = run(fence.unfence(), plan, Action.UNFENCE, spec);

        // then: the original permissions are back, not the fenced ones, and restoring twice is harmless
        assertThat(unfenced.status()).as(unfenced.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(permissions("billing-rw")).containsExactlyInAnyOrderElementsOf(original);
        assertThat(again.status()).as(again.detail()).isEqualTo(StepStatus.SKIPPED);
        put(app, "jobs/billing", "y");
        put(app, "billing/1", "z");
    }

    @Test
    void anUnfenceWithoutARecordSkipsSayingSoAndChangesNothing() {
        // given
        cluster.addApplicationUser("audit", "audit-rw", "audit/");
        List<RolePermission> before = permissions("audit-rw");
        ClusterSpec spec = EtcdSpecs.describe("etcd-fence", cluster, workDir, List.of("audit-rw"));

        // when
        StepOutcome unfenced = run(fence.unfence(), plan("inc-audit"), Action.UNFENCE, spec);

        // then
        assertThat(unfenced.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(unfenced.detail()).contains("no write fence is recorded for plan inc-audit-r1");
        assertThat(permissions("audit-rw")).isEqualTo(before);
    }

    @Test
    void aClusterThatNamesNoRolesSkipsBothStepsOfThePlugInAndRecordsNothing() {
        // given
        ClusterSpec spec = EtcdSpecs.describe("etcd-fence", cluster, workDir);
        RecoveryPlan plan = plan("inc-none");
        StepOutcome fenced;
        StepOutcome unfenced;

        // when
        try (EtcdPlugin plugin = new EtcdPlugin(new TargetSettings(CALL_TIMEOUT))) {
            fenced = run(plugin.actions().get(Action.FENCE_WRITES), plan, Action.FENCE_WRITES, spec);
            unfenced = run(plugin.actions().get(Action.UNFENCE), plan, Action.UNFENCE, spec);
        }

        // then
        assertThat(List.of(fenced, unfenced)).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(outcome.detail()).isEqualTo(EtcdWriteFence.NO_ROLES);
        });
        assertThat(WriteFenceRecord.file(spec, plan.planId())).doesNotExist();
    }

    @Test
    void describingTheFenceRecordsAndChangesNothing() throws Exception {
        // given
        ClientSecurity app = cluster.addApplicationUser("catalog", "catalog-rw", "catalog/");
        ClusterSpec spec = EtcdSpecs.describe("etcd-fence", cluster, workDir, List.of("catalog-rw"));
        RecoveryPlan plan = plan("inc-catalog");

        // when
        String description = fence.fence().describe(context(plan, Action.FENCE_WRITES, spec));

        // then
        assertThat(description).contains("would take write permission away from roles [catalog-rw]")
                .contains("READWRITE [catalog/, catalog0) -> READ [catalog/, catalog0)");
        assertThat(WriteFenceRecord.file(spec, plan.planId())).doesNotExist();
        put(app, "catalog/1", "still writable");
    }

    private StepOutcome run(ActionHandler handler, RecoveryPlan plan, Action action, ClusterSpec spec) {
        try {
            return handler.execute(context(plan, action, spec));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static StepContext context(RecoveryPlan plan, Action action, ClusterSpec spec) {
        PlanStep step = plan.steps().stream().filter(candidate -> candidate.action() == action).findFirst()
                .orElseThrow();
        return new StepContext(plan, step, spec);
    }

    private static RecoveryPlan plan(String incident) {
        StepParams within = StepParams.within(Duration.ofSeconds(30));
        List<PlanStep> steps = List.of(new PlanStep("01-fence", Action.FENCE_WRITES, null, within, OnFailure.ABORT),
                new PlanStep("02-unfence", Action.UNFENCE, null, within, OnFailure.CONTINUE));
        return new RecoveryPlan(incident + "-r1", incident, "etcd-fence", 1, PlanScope.CLUSTER, PlanMode.AUTO, null,
                List.of("fault-1"), steps, Instant.EPOCH, Instant.EPOCH);
    }

    private List<RolePermission> permissions(String role) {
        return etcd.rolePermissions(cluster.endpoints().get(0), cluster.clientSecurity(), role);
    }

    /** A fresh client of the application user per call, so that every call carries a token of the current roles. */
    private static <T> T asApplication(ClientSecurity app, java.util.function.Function<Client, CompletableFuture<T>> call)
            throws Exception {
        try (Client client = JetcdSecurity.apply(Client.builder().endpoints(cluster.endpoints().toArray(String[]::new))
                .connectTimeout(CALL_TIMEOUT), app).build()) {
            return call.apply(client).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static void put(ClientSecurity app, String key, String value) throws Exception {
        asApplication(app, client -> client.getKVClient().put(utf8(key), utf8(value)));
    }

    private static String get(ClientSecurity app, String key) throws Exception {
        return asApplication(app, client -> client.getKVClient().get(utf8(key))).getKvs().get(0).getValue()
                .toString(StandardCharsets.UTF_8);
    }

    /** The gRPC status etcd answers the application's put with; fails the test when the put succeeds. */
    private static Status.Code putFailure(ClientSecurity app, String key, String value) throws Exception {
        try {
            put(app, key, value);
        } catch (ExecutionException e) {
            return Status.fromThrowable(e.getCause()).getCode();
        }
        throw new AssertionError("the put of " + key + " succeeded under the fence");
    }

    private static ByteSequence utf8(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
