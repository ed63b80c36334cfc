package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.driver.NodeProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * BACKUP_DATA of etcd (issue 9 §2, a full crash): copies a stopped member's {@code member/snap/db} and
 * {@code member/wal/*.wal} into {@code <backup>/<clusterId>/crash/<planId>/<node>/} ({@link DataDirBackup}: written
 * durably, sha256 sidecars; a copy already there with a matching sidecar is kept, and a step whose every copy was
 * there is SKIPPED). It refuses (FAILED) while the member's driver finds its process running: the files of a
 * running etcd are no consistent copy. A member without data files left succeeds with nothing to back up.
 */
final class EtcdBackupDataAction implements ActionHandler {

    private static final Logger LOG = Logger.getLogger(EtcdBackupDataAction.class);

    private final NodeDrivers drivers;

    EtcdBackupDataAction(NodeDrivers drivers) {
        this.drivers = drivers;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        NodeSpec node = node(context);
        Optional<String> refusal = refusal(node);
        if (refusal.isPresent()) {
            return StepOutcome.failed(refusal.get());
        }
        DataDirBackup backup = backup(context, node);
        List<DataDirBackup.Copy> copies = backup.backUp();
        if (copies.isEmpty()) {
            return StepOutcome.succeeded(nothingToBackUp(node));
        }
        List<DataDirBackup.Copy> copied = copies.stream().filter(copy -> !copy.kept()).toList();
        long bytes = copied.stream().mapToLong(DataDirBackup.Copy::size).sum();
        if (copied.isEmpty()) {
            return StepOutcome.skipped("all " + copies.size() + " files of " + node.dataDir()
                    + " are already backed up with matching sha256 sidecars in " + backup.backupDir());
        }
        LOG.infof("BACKUP_DATA %s: copied %d files (%d bytes) to %s", node.id(), copied.size(), bytes,
                backup.backupDir());
        int kept = copies.size() - copied.size();
        return StepOutcome.succeeded("copied " + copied.size() + " files (" + bytes + " bytes) of " + node.dataDir()
                + " to " + backup.backupDir() + " with sha256 sidecars"
                + (kept == 0 ? "" : ", kept " + kept + " already there") + ": "
                + String.join(", ", copied.stream().map(copy -> copy.source().toString()).toList()));
    }

    @Override
    public String describe(StepContext context) {
        NodeSpec node = node(context);
        Optional<String> refusal = refusal(node);
        if (refusal.isPresent()) {
            return "would fail: " + refusal.get();
        }
        DataDirBackup backup = backup(context, node);
        List<Path> sources = backup.sources();
        if (sources.isEmpty()) {
            return "would succeed: " + nothingToBackUp(node);
        }
        List<Path> kept = backup.alreadyCopied();
        return "would copy " + sources + " of " + node.dataDir() + " to " + backup.backupDir()
                + " with sha256 sidecars" + (kept.isEmpty() ? "" : ", keeping " + kept + " already copied there");
    }

    /** Why the member's files must not be copied now: its process runs. */
    private Optional<String> refusal(NodeSpec node) {
        NodeProcess process = drivers.forNode(node).inspect(node);
        return process.running() ? Optional.of("refusing to back up the data of " + node.id() + " while its process "
                + "runs as pid " + process.pid() + ": the files of a running etcd are no consistent copy; stop it first")
                : Optional.empty();
    }

    private static String nothingToBackUp(NodeSpec node) {
        return "nothing to back up: " + node.dataDir() + " has no " + DataDirBackup.DB + " and no WAL";
    }

    private static DataDirBackup backup(StepContext context, NodeSpec node) {
        return new DataDirBackup(Path.of(node.dataDir()), Path.of(context.spec().backup().directory(),
                context.spec().id(), "crash", context.plan().planId(), node.id()));
    }

    private static NodeSpec node(StepContext context) {
        return context.node().orElseThrow(() -> new IllegalStateException(context.describe() + " names no node"));
    }
}
