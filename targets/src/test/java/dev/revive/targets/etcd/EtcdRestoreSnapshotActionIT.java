package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.runbooks.Runbooks;
import dev.revive.targets.action.ActionHandlers;
import dev.revive.targets.action.Polling;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.etcd.check.EtcdChecks;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.EtcdSpecs;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor's half of a rollback on a real three-member cluster (a fresh one per test), through the action
 * registry as the executor calls it: SNAPSHOT, bad writes, every member stopped, RESTORE_SNAPSHOT of each from the
 * same snapshot, every member started again; then the verifier's {@code restored-keyspace} check on the restored
 * cluster.
 */
class EtcdRestoreSnapshotActionIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String PLAN = "plan-rb";

    private final TargetKinds kinds = TargetKinds.standard(new TargetSettings(Duration.ofSeconds(2)));
    private final ActionHandlers handlers = new ActionHandlers(kinds, NodeDrivers.standard(), Runbooks.standard(),
            Polling.every(Duration.ofMillis(200)));
    @TempDir
    Path work;
    private EtcdCluster cluster;
    private ClusterSpec spec;

    @BeforeEach
    void startCluster() {
        cluster = EtcdCluster.start(3);
        spec = EtcdSpecs.describe("rollback", cluster, work);
    }

    @AfterEach
    void stopCluster() {
        kinds.close();
        cluster.close();
    }

    @Test
    void everyMemberRestoredFromOneSnapshotServesTheGoodKeysAndNoneWrittenAfterIt() throws Exception {
        Map<String, String> good = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            good.put("good/" + i, "v" + i);
            put(cluster.member(0), "good/" + i, "v" + i);
        }
        StepOutcome snapshot = run(step(Action.SNAPSHOT, cluster.member(0).name(), null), "plan-snap");
        assertThat(snapshot.status()).as(snapshot.detail()).isEqualTo(StepStatus.SUCCEEDED);
        Path snapshotFile = Path.of(spec.backup().directory(), spec.id(), "plan-snap-" + cluster.member(0).name()
                + ".db");
        for (int i = 0; i < 5; i++) {
            put(cluster.member(1), "bad/" + i, "x" + i);
        }
        put(cluster.member(1), "good/0", "overwritten");
        cluster.members().forEach(cluster::stop);
        EtcdMember crashedAfterMove = cluster.member(1);
        Files.move(crashedAfterMove.dataDir(), aside(crashedAfterMove));
        EtcdMember crashedMidRestore = cluster.member(2);
        Files.createDirectories(restoring(crashedMidRestore).resolve("member"));

        String dryRun = handlers.describe(context(step(Action.RESTORE_SNAPSHOT, cluster.member(0).name(), null),
                PLAN));
        assertThat(dryRun).contains("would restore snapshot " + snapshotFile, "--initial-cluster-token, revive-"
                + PLAN, "would move " + cluster.member(0).dataDir() + " aside to " + aside(cluster.member(0)));
        for (EtcdMember member : cluster.members()) {
            boolean leftover = member == crashedMidRestore;
            StepOutcome restored = run(step(Action.RESTORE_SNAPSHOT, member.name(), null), PLAN);
            assertThat(restored.status()).as(restored.detail()).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(restored.detail()).contains("restored snapshot " + snapshotFile, "sha256 "
                    + SnapshotFiles.sha256(snapshotFile), "revision ", " keys)", aside(member).toString());
            assertThat(restored.detail().contains("removed the leftover " + restoring(member))).isEqualTo(leftover);
            assertThat(restored.detail().contains("already moved aside")).isEqualTo(member == crashedAfterMove);
            assertThat(aside(member).resolve(DataDirBackup.DB)).isRegularFile();
            assertThat(restoring(member)).doesNotExist();
            assertThat(member.dataDir().resolve(RestoredDataDir.MARKER)).isRegularFile();
        }
        assertThat(run(step(Action.RESTORE_SNAPSHOT, cluster.member(1).name(), null), PLAN).detail())
                .contains("already restored by plan " + PLAN);

        cluster.members().forEach(cluster::restart);
        cluster.awaitHealthy(BOUND);

        for (EtcdMember member : cluster.members()) {
            Awaitility.await(member.name() + " serves exactly the snapshot's keys").atMost(BOUND)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(serializableRange(member, "bad/", "good0"))
                            .isEqualTo(good));
        }
        SnapshotMetadata metadata = SnapshotMetadata.of(snapshotFile).orElseThrow();
        SnapshotMetadata.Keyspace recorded = metadata.keyspace().orElseThrow();
        CheckResult keyspace = awaitRestoredKeyspace();
        assertThat(keyspace.status()).as(keyspace.observed()).isEqualTo(CheckStatus.PASS);
        assertThat(keyspace.observed()).contains("as recorded with the snapshot");
        assertThat(keyspace.evidence()).containsEntry("snapshot", snapshotFile.toString())
                .containsEntry("sha256", SnapshotFiles.sha256(snapshotFile));
        cluster.members().forEach(member -> assertThat(keyspace.evidence()).containsEntry(member.name(), "hashKV "
                + recorded.hashText() + " at revision " + metadata.revision() + ", " + recorded.liveKeys() + " keys"));
    }

    @Test
    void aMemberRestoredFromAnOlderSnapshotFailsTheRestoredKeyspaceCheck() throws Exception {
        // given: an older and a newer snapshot, the newer holding more keys
        put(cluster.member(0), "good/0", "v0");
        assertThat(run(step(Action.SNAPSHOT, cluster.member(0).name(), null), "plan-old").status())
                .isEqualTo(StepStatus.SUCCEEDED);
        put(cluster.member(0), "good/1", "v1");
        assertThat(run(step(Action.SNAPSHOT, cluster.member(0).name(), null), "plan-new").status())
                .isEqualTo(StepStatus.SUCCEEDED);
        String newer = "plan-new-" + cluster.member(0).name() + ".db";
        String older = "plan-old-" + cluster.member(0).name() + ".db";
        EtcdMember odd = cluster.member(2);
        cluster.members().forEach(cluster::stop);

        // when: every member restored, the odd one from the older snapshot
        for (EtcdMember member : cluster.members()) {
            StepOutcome restored = run(step(Action.RESTORE_SNAPSHOT, member.name(), member == odd ? older : newer),
                    PLAN);
            assertThat(restored.status()).as(restored.detail()).isEqualTo(StepStatus.SUCCEEDED);
        }
        cluster.members().forEach(cluster::restart);
        cluster.awaitHealthy(BOUND);
        CheckResult differentSnapshots = awaitRestoredKeyspace();
        Files.writeString(odd.dataDir().resolve(RestoredDataDir.MARKER), "plan=" + PLAN + "\nsnapshot=" + newer
                + "\nsha256=" + SnapshotFiles.sha256(Path.of(spec.backup().directory(), spec.id(), newer)) + "\n");
        CheckResult otherData = awaitRestoredKeyspace();

        // then: the markers disagree; and with a marker that lies, the odd member's keyspace gives it away
        assertThat(differentSnapshots.status()).as(differentSnapshots.observed()).isEqualTo(CheckStatus.FAIL);
        assertThat(differentSnapshots.observed()).contains("different snapshots", older + "=[" + odd.name() + "]");
        assertThat(otherData.status()).as(otherData.observed()).isEqualTo(CheckStatus.FAIL);
        assertThat(otherData.observed()).contains(odd.name());
        assertThat(otherData.evidence().get(cluster.member(0).name())).startsWith("hashKV ");
    }

    @Test
    void aSecondRestoreOfTheSamePlanIsSkippedAndLeavesTheRestoredDirAlone() throws Exception {
        put(cluster.member(0), "good/0", "v0");
        assertThat(run(step(Action.SNAPSHOT, cluster.member(0).name(), null), "plan-snap").status())
                .isEqualTo(StepStatus.SUCCEEDED);
        EtcdMember member = cluster.member(2);
        cluster.stop(member);
        String snapshot = "plan-snap-" + cluster.member(0).name() + ".db";
        StepOutcome first = run(step(Action.RESTORE_SNAPSHOT, member.name(), snapshot), PLAN);
        assertThat(first.status()).as(first.detail()).isEqualTo(StepStatus.SUCCEEDED);
        Path db = member.dataDir().resolve(DataDirBackup.DB);
        var restoredAt = Files.getLastModifiedTime(db);

        StepOutcome again = run(step(Action.RESTORE_SNAPSHOT, member.name(), snapshot), PLAN);

        assertThat(again.status()).as(again.detail()).isEqualTo(StepStatus.SKIPPED);
        assertThat(again.detail()).contains("already restored by plan " + PLAN, snapshot);
        assertThat(Files.getLastModifiedTime(db)).isEqualTo(restoredAt);
        assertThat(member.dataDir().resolveSibling(member.dataDir().getFileName() + ".rolled-back-" + PLAN + "-2"))
                .doesNotExist();
    }

    @Test
    void restoreOfARunningMemberFailsAndTouchesNoDirectory() throws Exception {
        EtcdMember running = cluster.member(1);

        StepOutcome outcome = run(step(Action.RESTORE_SNAPSHOT, running.name(), null), PLAN);

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.FAILED);
        assertThat(outcome.detail()).contains("refusing to restore a snapshot into the data dir of " + running.name(),
                "runs as pid");
        assertThat(aside(running)).doesNotExist();
        assertThat(restoring(running)).doesNotExist();
        assertThat(running.dataDir().resolve(DataDirBackup.DB)).isRegularFile();
    }

    /** The restored-keyspace check of a verification round of plan {@value #PLAN}, once it is no longer ERROR. */
    private CheckResult awaitRestoredKeyspace() {
        EtcdChecks checks = new EtcdChecks(Duration.ofSeconds(2));
        return Awaitility.await("a restored-keyspace result other than ERROR").atMost(BOUND)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> checks.round(new CheckRequest(spec, null, 3, PLAN, null)).stream()
                        .map(CheckFinding::result).filter(result -> result.name().equals("restored-keyspace"))
                        .findFirst().orElseThrow(), result -> result.status() != CheckStatus.ERROR);
    }

    private static Path aside(EtcdMember member) {
        return member.dataDir().resolveSibling(member.dataDir().getFileName() + ".rolled-back-" + PLAN);
    }

    private static Path restoring(EtcdMember member) {
        return member.dataDir().resolveSibling(member.dataDir().getFileName() + ".restoring-" + PLAN);
    }

    private static PlanStep step(Action action, String nodeId, String snapshot) {
        return new PlanStep(nodeId + "." + action.name().toLowerCase(), action, nodeId,
                new StepParams(BOUND, null, null, null, 1, false, snapshot, false), OnFailure.ABORT);
    }

    private StepContext context(PlanStep step, String planId) {
        RecoveryPlan plan = new RecoveryPlan(planId, "inc-" + planId, spec.id(), 1, PlanScope.CLUSTER, PlanMode.AUTO,
                null, List.of("f-1"), List.of(step), Instant.now(), Instant.now());
        return new StepContext(plan, step, spec);
    }

    private StepOutcome run(PlanStep step, String planId) throws InterruptedException {
        return handlers.execute(context(step, planId));
    }

    /**
     * Puts through {@code member}, again until etcd takes it (a fresh cluster may refuse a write for a moment).
     */
    private static void put(EtcdMember member, String key, String value) {
        try (Client client = Client.builder().endpoints(member.clientUrl()).build()) {
            Awaitility.await("put " + key + " through " + member.name()).atMost(BOUND)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> client.getKVClient().put(utf8(key), utf8(value)).get(5, TimeUnit.SECONDS) != null);
        }
    }

    /** Every key in [from, to) with its value, read from {@code member} alone (serializable). */
    private static Map<String, String> serializableRange(EtcdMember member, String from, String to) throws Exception {
        try (Client client = Client.builder().endpoints(member.clientUrl()).build()) {
            return client.getKVClient().get(utf8(from), GetOption.builder().withSerializable(true)
                            .withRange(utf8(to)).build()).get(5, TimeUnit.SECONDS).getKvs().stream()
                    .collect(Collectors.toMap(kv -> kv.getKey().toString(StandardCharsets.UTF_8),
                            kv -> kv.getValue().toString(StandardCharsets.UTF_8), (a, b) -> a, TreeMap::new));
        }
    }

    private static ByteSequence utf8(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
