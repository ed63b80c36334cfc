package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
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
import dev.revive.targets.driver.NodeDrivers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BACKUP_DATA of a member whose process does not run (the standard driver finds none for its spec): the files, the
 * repeat, a member without data and the dry run. A running member's refusal is in {@link EtcdFullCrashIT}.
 */
class EtcdBackupDataActionTest {

    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

    @TempDir
    Path root;

    private final EtcdBackupDataAction backup = new EtcdBackupDataAction(NodeDrivers.standard());
    private ClusterSpec spec;
    private Path data;
    private Path copies;

    @BeforeEach
    void stoppedMember() {
        data = root.resolve("e1.etcd");
        ProcessControl control = new ProcessControl(List.of(root.resolve("no-such-etcd").toString(), "--name", "e1"),
                null, Map.of(), root.resolve("e1.pid").toString(), root.resolve("e1.log").toString(),
                Duration.ofSeconds(5));
        NodeSpec node = new NodeSpec("e1", NodeRole.MEMBER, new Endpoints("http://127.0.0.1:1", "http://127.0.0.1:2"),
                control, data.toString(), List.of(), List.of());
        spec = new ClusterSpec("c-1", SystemKind.ETCD, List.of(node), Policy.defaults(),
                new BackupLocation(root.resolve("backups").toString()));
        copies = root.resolve("backups/c-1/crash/plan-1/e1");
    }

    @Test
    void copiesTheDbAndTheWalIntoTheCrashDirectoryOfThePlanAndKeepsThemOnARepeat() throws IOException {
        Files.createDirectories(data.resolve("member/snap"));
        Files.createDirectories(data.resolve("member/wal"));
        Files.writeString(data.resolve("member/snap/db"), "bolt");
        Files.writeString(data.resolve("member/wal/0000000000000000-0000000000000000.wal"), "wal-1");
        Files.writeString(data.resolve("member/wal/0.tmp"), "preallocated");

        StepOutcome first = backup.execute(context());

        assertThat(first.status()).as(first.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(first.detail()).startsWith("copied 2 files (9 bytes) of " + data + " to " + copies);
        assertThat(SnapshotFiles.sha256(copies.resolve("member/snap/db")))
                .isEqualTo(SnapshotFiles.sha256(data.resolve("member/snap/db")));
        assertThat(SnapshotFiles.mismatch(copies.resolve("member/wal/0000000000000000-0000000000000000.wal"))).isEmpty();
        assertThat(copies.resolve("member/wal/0.tmp")).doesNotExist();

        StepOutcome again = backup.execute(context());

        assertThat(again.status()).as(again.detail()).isEqualTo(StepStatus.SKIPPED);
        assertThat(again.detail()).contains("all 2 files", "already backed up", copies.toString());
    }

    @Test
    void memberWithoutDataHasNothingToBackUp() {
        StepOutcome outcome = backup.execute(context());

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.detail()).isEqualTo("nothing to back up: " + data + " has no member/snap/db and no WAL");
    }

    @Test
    void dryRunNamesTheFilesAndTheBackupDirectoryAndCopiesNothing() throws IOException {
        Files.createDirectories(data.resolve("member/snap"));
        Files.writeString(data.resolve("member/snap/db"), "bolt");

        String described = backup.describe(context());

        assertThat(described).isEqualTo("would copy [member/snap/db] of " + data + " to " + copies
                + " with sha256 sidecars");
        assertThat(root.resolve("backups")).doesNotExist();
    }

    private StepContext context() {
        PlanStep step = new PlanStep("e1.01-back-up-data", Action.BACKUP_DATA, "e1",
                StepParams.within(Duration.ofSeconds(30)), OnFailure.ABORT);
        RecoveryPlan plan = new RecoveryPlan("plan-1", "inc-1", spec.id(), 1, PlanScope.CLUSTER, PlanMode.AUTO, null,
                List.of("f-1"), List.of(step), T0, T0);
        return new StepContext(plan, step, spec);
    }
}
