package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import dev.revive.targets.action.DurableRecords;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the write fence of one plan found before it changed anything: each fenced role's permissions, the original
 * that {@code UNFENCE} restores. One JSON file per plan, {@code <backup>/<clusterId>/fences/<planId>.json}, written
 * to a temporary file, fsynced, moved into place and the directory fsynced; never replaced, so that a retry of the
 * fence after a crash (when the roles may already be fenced) keeps the first attempt's record. The executor runs
 * one attempt of a plan's step at a time, so two attempts never race to create it.
 *
 * @param clusterId the cluster
 * @param planId    the plan that fenced
 * @param roles     each fenced role's permissions before the fence, by role name
 */
public record WriteFenceRecord(String clusterId, String planId, Map<String, List<RolePermission>> roles) {

    /** The directory below a cluster's backup directory that holds its fence records. */
    public static final String DIRECTORY = "fences";

    private static final String WHAT = "the write fence record";

    public WriteFenceRecord {
        TreeMap<String, List<RolePermission>> sorted = new TreeMap<>(roles == null ? Map.of() : roles);
        sorted.replaceAll((role, permissions) -> List.copyOf(permissions));
        roles = Collections.unmodifiableMap(sorted);
    }

    /** The record file of a plan's fence of a cluster. */
    public static Path file(ClusterSpec spec, String planId) {
        return Path.of(spec.backup().directory(), spec.id(), DIRECTORY, planId + ".json");
    }

    /**
     * The record in {@code file}, empty when there is none.
     *
     * @throws TargetException {@link Kind#LOCAL} when the file is there but cannot be read or is no record
     */
    public static Optional<WriteFenceRecord> read(Path file) {
        return DurableRecords.read(file, WriteFenceRecord.class, WHAT);
    }

    /**
     * Writes this record to {@code file} durably unless a record is already there, and returns the record in
     * place: this one, or the earlier one, which is never overwritten ({@link DurableRecords#keepFirst}).
     *
     * @throws TargetException {@link Kind#LOCAL} when it cannot be written
     */
    public WriteFenceRecord keepFirst(Path file) {
        return DurableRecords.keepFirst(file, this, WriteFenceRecord.class, WHAT);
    }
}
