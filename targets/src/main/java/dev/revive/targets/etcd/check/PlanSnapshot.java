package dev.revive.targets.etcd.check;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.targets.etcd.EtcdSnapshotAction;
import dev.revive.targets.etcd.SnapshotMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;

/**
 * The snapshot that backs the verified plan: the newest file its SNAPSHOT steps wrote, with what they recorded
 * beside it, or why there is none.
 *
 * @param file     the snapshot file, or empty when there is none
 * @param metadata what the SNAPSHOT step recorded beside it, or empty
 * @param absence  why there is no snapshot (empty when there is one)
 */
record PlanSnapshot(Optional<Path> file, Optional<SnapshotMetadata> metadata, String absence) {

    /** Outside a plan. */
    static final PlanSnapshot NONE = new PlanSnapshot(Optional.empty(), Optional.empty(),
            "no plan is verified, so no snapshot backs it");

    /** Looks for the snapshot of plan {@code planId} (null outside a plan) in the spec's backup directory. */
    static PlanSnapshot find(ClusterSpec spec, String planId) {
        if (planId == null) {
            return NONE;
        }
        Optional<Path> newest = EtcdSnapshotAction.planSnapshots(spec, planId).stream()
                .max(Comparator.comparing(PlanSnapshot::modified));
        return newest.map(file -> new PlanSnapshot(newest, SnapshotMetadata.of(file), ""))
                .orElseGet(() -> new PlanSnapshot(Optional.empty(), Optional.empty(), "plan " + planId
                        + " took no snapshot (none in " + Path.of(spec.backup().directory(), spec.id()) + ")"));
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
