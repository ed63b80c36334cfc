package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.execution.StepStatus;
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
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.EtcdSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor's side of a full crash on a real three-member cluster (a fresh one per test), through the action
 * registry as the executor calls it: BACKUP_DATA of every stopped member, then AWAIT_QUORUM once they run again.
 */
class EtcdFullCrashIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

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
        spec = EtcdSpecs.describe("crash", cluster, work);
    }

    @AfterEach
    void stopCluster() {
        kinds.close();
        cluster.close();
    }

    @Test
    void everyStoppedMemberIsBackedUpByteForByteThenTheRestartedClusterReachesQuorum() throws Exception {
        cluster.members().forEach(cluster::stop);

        for (EtcdMember member : cluster.members()) {
            StepOutcome outcome = run(Action.BACKUP_DATA, member.name(), BOUND);
            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(outcome.detail()).startsWith("copied ").contains(" bytes) of ", backupDir(member).toString());
            assertCopiesEqualOriginals(member);
        }
        Map<Path, FileTime> written = copiedAt(cluster.member(0));
        StepOutcome again = run(Action.BACKUP_DATA, cluster.member(0).name(), BOUND);
        assertThat(again.status()).as(again.detail()).isEqualTo(StepStatus.SKIPPED);
        assertThat(copiedAt(cluster.member(0))).isEqualTo(written);

        cluster.members().forEach(cluster::restart);
        StepOutcome quorum = run(Action.AWAIT_QUORUM, null, BOUND);

        assertThat(quorum.status()).as(quorum.detail()).isEqualTo(StepStatus.SUCCEEDED);
        String names = cluster.members().stream().map(EtcdMember::name).collect(Collectors.joining("|"));
        assertThat(quorum.detail()).matches("leader (" + names + "), [23] of 3 voting members healthy: .*");
    }

    @Test
    void awaitQuorumWithEveryMemberDownTimesOutSayingThereIsNoLeader() throws InterruptedException {
        cluster.members().forEach(cluster::stop);

        StepOutcome outcome = run(Action.AWAIT_QUORUM, null, Duration.ofSeconds(2));

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.TIMED_OUT);
        assertThat(outcome.detail()).contains("no leader, 0 of 3 voting members healthy", "not healthy: "
                + cluster.member(0).name());
    }

    @Test
    void backupOfARunningMemberFailsAndCopiesNothing() throws InterruptedException {
        EtcdMember running = cluster.member(1);

        StepOutcome outcome = run(Action.BACKUP_DATA, running.name(), BOUND);

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.FAILED);
        assertThat(outcome.detail()).contains("refusing to back up the data of " + running.name(), "runs as pid");
        assertThat(backupDir(running)).doesNotExist();
    }

    private void assertCopiesEqualOriginals(EtcdMember member) throws IOException {
        DataDirBackup backup = backup(member);
        List<Path> sources = backup.sources();
        assertThat(sources).contains(Path.of(DataDirBackup.DB))
                .anySatisfy(source -> assertThat(source.toString()).endsWith(".wal"));
        for (Path source : sources) {
            Path copy = backup.backupDir().resolve(source);
            assertThat(SnapshotFiles.sha256(copy)).as(copy.toString())
                    .isEqualTo(SnapshotFiles.sha256(backup.dataDir().resolve(source)));
            assertThat(SnapshotFiles.mismatch(copy)).isEmpty();
        }
    }

    private Map<Path, FileTime> copiedAt(EtcdMember member) throws IOException {
        DataDirBackup backup = backup(member);
        Map<Path, FileTime> modified = new HashMap<>();
        for (Path source : backup.sources()) {
            modified.put(source, Files.getLastModifiedTime(backup.backupDir().resolve(source)));
        }
        return modified;
    }

    private DataDirBackup backup(EtcdMember member) {
        NodeSpec node = spec.node(member.name()).orElseThrow();
        return new DataDirBackup(Path.of(node.dataDir()), backupDir(member));
    }

    private Path backupDir(EtcdMember member) {
        return Path.of(spec.backup().directory(), spec.id(), "crash", "plan-crash", member.name());
    }

    private StepOutcome run(Action action, String nodeId, Duration timeout) throws InterruptedException {
        PlanStep step = new PlanStep((nodeId == null ? "" : nodeId + ".") + action.name().toLowerCase(), action, nodeId,
                StepParams.within(timeout), OnFailure.ABORT);
        RecoveryPlan plan = new RecoveryPlan("plan-crash", "inc-crash", spec.id(), 1, PlanScope.CLUSTER,
                PlanMode.AUTO, null, List.of("f-1"), List.of(step), Instant.now(), Instant.now());
        return handlers.execute(new StepContext(plan, step, spec));
    }
}
