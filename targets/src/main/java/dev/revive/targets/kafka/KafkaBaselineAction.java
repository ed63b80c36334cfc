package dev.revive.targets.kafka;

import dev.revive.targets.TargetException;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.etcd.SnapshotFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * Kafka's SNAPSHOT: records the baseline the verifier compares against ({@link KafkaBaseline}): the high watermark
 * of every partition and the committed offsets of every consumer group, read through any broker of the cluster,
 * written to {@code <backup dir>/<clusterId>/baseline-<planId>.json}. Right after a broker died its partitions have
 * no leader until it is fenced: those are left out of the baseline and named in the step's detail, so that the
 * restart is not held up for a reading of them. A baseline already there (its sidecar matching)
 * means the step is done; after a new one only the newest {@code backup.keep} are kept.
 */
public final class KafkaBaselineAction implements ActionHandler {

    private final KafkaAdmins admins;
    private final KafkaMetadata metadata;
    private final KafkaOffsets offsets;
    private final Clock clock;

    public KafkaBaselineAction(KafkaAdmins admins, Clock clock) {
        this.admins = admins;
        this.metadata = new KafkaMetadata(admins);
        this.offsets = new KafkaOffsets(admins);
        this.clock = clock;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        Path file = KafkaBaseline.file(context.spec(), context.plan().planId());
        if (SnapshotFiles.mismatch(file).isEmpty()) {
            return StepOutcome.skipped("baseline " + file + " is already there and its sha256 matches its sidecar");
        }
        KafkaBaseline baseline;
        KafkaOffsets.Watermarks watermarks;
        try {
            Admin admin = admins.forCluster(context.spec());
            KafkaState state = metadata.read(admin);
            watermarks = offsets.highWatermarks(admin, state.partitions());
            baseline = new KafkaBaseline(context.plan().planId(), clock.instant().toString(), watermarks.read(),
                    offsets.committedOffsets(admin));
        } catch (TargetException e) {
            return e.kind() == TargetException.Kind.TIMEOUT ? StepOutcome.timedOut("cannot read the baseline of "
                    + context.spec().id() + ": " + e.getMessage())
                    : StepOutcome.failed("cannot read the baseline of " + context.spec().id() + ": " + e.getMessage());
        }
        SnapshotFiles.Written written;
        try {
            written = baseline.write(file, () -> context.gate().admits());
        } catch (SnapshotFiles.NotReplacedException e) {
            return StepOutcome.notAdmitted("not admitted right before it would move the baseline into " + file + "; "
                    + context.describe() + " stopped there, the file is untouched");
        }
        List<Path> pruned = KafkaBaseline.prune(file, context.spec().backup().keep());
        return StepOutcome.succeeded("baseline written to " + file + " (" + written.size() + " bytes, sha256 "
                + written.sha256() + "): high watermarks of " + baseline.highWatermarks().size()
                + " partition(s), committed offsets of " + baseline.committedOffsets().size() + " group(s)"
                + (watermarks.unavailable().isEmpty() ? "" : "; not readable (no leader answered, left out): "
                        + String.join(", ", watermarks.unavailable()))
                + (pruned.isEmpty() ? "" : "; pruned " + pruned.size() + " older baseline(s)"));
    }

    @Override
    public String describe(StepContext context) {
        Path file = KafkaBaseline.file(context.spec(), context.plan().planId());
        if (SnapshotFiles.mismatch(file).isEmpty()) {
            return "would skip: baseline " + file + " is already there and its sha256 matches its sidecar";
        }
        return "would record the high watermark of every partition and the committed offsets of every group of "
                + context.spec().id() + " (through " + KafkaAdmins.bootstrap(context.spec()) + ") to file " + file
                + (Files.exists(file) ? ", replacing " + SnapshotFiles.mismatch(file).orElse("") : "");
    }
}
