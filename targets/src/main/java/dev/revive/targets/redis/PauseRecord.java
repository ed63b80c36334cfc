package dev.revive.targets.redis;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.targets.action.DurableRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Which node a plan's FENCE_WRITES paused ({@code CLIENT PAUSE ... WRITE}) and until when the pause lifts itself,
 * for UNFENCE. One JSON file per plan, {@code <backup>/<clusterId>/pauses/<planId>.json}, written durably and never
 * replaced ({@link DurableRecords}): a retried fence keeps the first record, and UNFENCE lifts the pause on the
 * recorded node and on the primary of the moment.
 *
 * @param clusterId the cluster
 * @param planId    the plan that fenced
 * @param nodeId    the primary it paused
 * @param until     when the pause lifts itself
 */
public record PauseRecord(String clusterId, String planId, String nodeId, Instant until) {

    /** The directory below a cluster's backup directory that holds its pause records. */
    public static final String DIRECTORY = "pauses";

    private static final String WHAT = "the write pause record";

    /** The record file of a plan's pause in a cluster. */
    public static Path file(ClusterSpec spec, String planId) {
        return Path.of(spec.backup().directory(), spec.id(), DIRECTORY, planId + ".json");
    }

    /** The pause plan {@code planId} recorded, empty when it paused nothing. */
    public static Optional<PauseRecord> find(ClusterSpec spec, String planId) {
        return DurableRecords.read(file(spec, planId), PauseRecord.class, WHAT);
    }

    /** Writes this record durably unless the plan already has one; returns the record in place. */
    public PauseRecord keepFirst(ClusterSpec spec) {
        return DurableRecords.keepFirst(file(spec, planId), this, PauseRecord.class, WHAT);
    }
}
