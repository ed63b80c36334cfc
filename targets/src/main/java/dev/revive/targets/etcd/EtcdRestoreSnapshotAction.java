package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
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
 * RESTORE_SNAPSHOT of etcd (issue 9 §5, one member's half of a rollback): restores a stopped member from a snapshot
 * of its cluster into a new data directory with a new cluster token, keeping the old one aside. The plan restores
 * every member from the same snapshot ({@link SnapshotChoice}: the one the step names, else the newest verified one
 * created before the plan began), then starts them all; etcd ignores the {@code --initial-cluster*} flags of the
 * member's own start command, since its data dir exists.
 *
 * <p>Each attempt does only what is left ({@link RestoredDataDir}): a data dir whose marker names this plan →
 * SKIPPED; a leftover {@code <dataDir>.restoring-<planId>} of a crashed attempt is removed and the restore redone
 * ({@link EtcdSnapshotRestore}: etcd's own {@code snapshot restore}, bounded by the step's timeout) into it, the
 * marker written; the old data dir moved aside to {@code <dataDir>.rolled-back-<planId>} unless an earlier attempt
 * already did; the restored dir moved into place. It refuses (FAILED) while the member's driver finds its process
 * running.
 */
final class EtcdRestoreSnapshotAction implements ActionHandler {

    private static final Logger LOG = Logger.getLogger(EtcdRestoreSnapshotAction.class);

    private final EtcdAdapter etcd;
    private final NodeDrivers drivers;
    private final EtcdSnapshotRestore restore;

    EtcdRestoreSnapshotAction(EtcdAdapter etcd, NodeDrivers drivers) {
        this(etcd, drivers, new EtcdSnapshotRestore());
    }

    EtcdRestoreSnapshotAction(EtcdAdapter etcd, NodeDrivers drivers, EtcdSnapshotRestore restore) {
        this.etcd = etcd;
        this.drivers = drivers;
        this.restore = restore;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        NodeSpec node = node(context);
        String planId = context.plan().planId();
        RestoredDataDir dirs = new RestoredDataDir(Path.of(node.dataDir()), planId);
        Optional<RestoredDataDir.Marker> done = dirs.restoredByThisPlan();
        if (done.isPresent()) {
            return StepOutcome.skipped(node.dataDir() + " is already restored by plan " + planId + " from snapshot "
                    + done.get().snapshot() + " (sha256 " + done.get().sha256() + ")");
        }
        Optional<String> refusal = refusal(node);
        if (refusal.isPresent()) {
            return StepOutcome.failed(refusal.get());
        }
        SnapshotChoice.Chosen chosen = choice(context).choose(context.step().params().snapshot(), planId,
                context.plan().createdAt());
        String redone = dirs.leftover() ? "removed the leftover " + dirs.restoring() + " of an earlier attempt; " : "";
        dirs.removeLeftover();
        List<String> argv = restore.argv(chosen.file(), context.spec(), node, planId, dirs.restoring());
        LOG.infof("RESTORE_SNAPSHOT %s: %s", node.id(), argv);
        restore.run(argv, context.timeout());
        dirs.mark(new RestoredDataDir.Marker(planId, chosen.file().getFileName().toString(), chosen.sha256()));
        Optional<StepOutcome> notAdmitted = context.refusalBefore("move " + node.dataDir() + " aside");
        if (notAdmitted.isPresent()) {
            return notAdmitted.get();
        }
        String old = oldDir(dirs);
        dirs.moveIntoPlace();
        return StepOutcome.succeeded(redone + "restored snapshot " + chosen.file() + " (sha256 " + chosen.sha256()
                + ", revision " + chosen.status().revision() + ", " + chosen.status().totalKeys() + " keys) into "
                + node.dataDir() + " with cluster token " + EtcdSnapshotRestore.token(planId) + "; " + old);
    }

    @Override
    public String describe(StepContext context) {
        NodeSpec node = node(context);
        String planId = context.plan().planId();
        RestoredDataDir dirs = new RestoredDataDir(Path.of(node.dataDir()), planId);
        if (dirs.restoredByThisPlan().isPresent()) {
            return "would skip: " + node.dataDir() + " is already restored by plan " + planId;
        }
        Optional<String> refusal = refusal(node);
        if (refusal.isPresent()) {
            return "would fail: " + refusal.get();
        }
        SnapshotChoice.Chosen chosen;
        try {
            chosen = choice(context).choose(context.step().params().snapshot(), planId, context.plan().createdAt());
        } catch (TargetException e) {
            return "would fail: " + e.getMessage();
        }
        String move = dirs.aside().map(aside -> dirs.oldInPlace() ? "would move " + node.dataDir() + " aside to "
                        + aside : "would leave " + node.dataDir() + " where an earlier attempt moved it, " + aside)
                .orElse("no data dir " + node.dataDir() + " to move aside");
        return (dirs.leftover() ? "would remove the leftover " + dirs.restoring() + "; " : "")
                + "would restore snapshot " + chosen.file() + " (sha256 " + chosen.sha256() + ", revision "
                + chosen.status().revision() + ") with argv "
                + restore.argv(chosen.file(), context.spec(), node, planId, dirs.restoring()) + "; " + move
                + "; then move " + dirs.restoring() + " into its place";
    }

    /** Moves the old data dir aside unless an earlier attempt did; says where it is. */
    private static String oldDir(RestoredDataDir dirs) {
        if (dirs.oldInPlace()) {
            return "old data dir moved aside to " + dirs.moveOldAside();
        }
        return dirs.aside().map(aside -> "old data dir already moved aside to " + aside + " by an earlier attempt")
                .orElse("there was no old data dir to move aside");
    }

    private SnapshotChoice choice(StepContext context) {
        return new SnapshotChoice(Path.of(context.spec().backup().directory(), context.spec().id()),
                etcd::snapshotStatus);
    }

    /** Why the member's data dir must not be replaced now: its process runs. */
    private Optional<String> refusal(NodeSpec node) {
        NodeProcess process = drivers.forNode(node).inspect(node);
        return process.running() ? Optional.of("refusing to restore a snapshot into the data dir of " + node.id()
                + " while its process runs as pid " + process.pid() + "; stop it first") : Optional.empty();
    }

    private static NodeSpec node(StepContext context) {
        return context.node().orElseThrow(() -> new IllegalStateException(context.describe() + " names no node"));
    }
}
