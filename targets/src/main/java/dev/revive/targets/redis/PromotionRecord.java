package dev.revive.targets.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.action.DurableRecords;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a PROMOTE of one plan decided before it acted: which primary it replaced, the replica it promoted at which
 * offset, the other candidates' offsets, the failed primary's last known offset and the data-loss bound that follows.
 * One JSON file per plan, {@code <backup>/<clusterId>/promotions/<planId>.json}, written durably and never replaced
 * ({@link DurableRecords}); the verifier's data-loss check reads it.
 *
 * @param clusterId         the cluster
 * @param planId            the plan that promoted
 * @param from              the primary it replaced
 * @param to                the replica it promoted
 * @param planned           true for a planned switchover (the primary answered, writes fenced: the bound is 0)
 * @param chosenOffset      the promoted replica's offset when it was chosen
 * @param others            the other candidates' offsets, by node
 * @param lastKnownPosition the failed primary's last known offset, null when nobody saw one
 * @param boundBytes        the most bytes of acknowledged writes the promotion may lose, null when unknown
 * @param at                when it was decided
 */
public record PromotionRecord(String clusterId, String planId, String from, String to, boolean planned,
        long chosenOffset, Map<String, Long> others, @JsonInclude(JsonInclude.Include.NON_NULL) Long lastKnownPosition,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long boundBytes, Instant at) {

    /** The directory below a cluster's backup directory that holds its promotion records. */
    public static final String DIRECTORY = "promotions";

    private static final String WHAT = "the promotion record";

    public PromotionRecord {
        others = Map.copyOf(new TreeMap<>(others == null ? Map.of() : others));
    }

    /**
     * The data-loss bound of promoting a replica at {@code chosenOffset} after a primary last seen at
     * {@code lastKnownPosition}: their difference in bytes, never below 0; null when the position is unknown.
     */
    public static Long bound(Long lastKnownPosition, long chosenOffset) {
        return lastKnownPosition == null ? null : Math.max(0, lastKnownPosition - chosenOffset);
    }

    /** {@code at most 120 bytes} or {@code an unknown number of bytes}. */
    public String boundInWords() {
        return boundBytes == null ? "an unknown number of bytes"
                : "at most " + boundBytes + " bytes";
    }

    /** The record file of a plan's promotion in a cluster. */
    public static Path file(ClusterSpec spec, String planId) {
        return Path.of(spec.backup().directory(), spec.id(), DIRECTORY, planId + ".json");
    }

    /**
     * The promotion plan {@code planId} recorded for the cluster, empty when it promoted nobody (or is null).
     *
     * @throws TargetException {@code LOCAL} when the file is there but cannot be read or is no record
     */
    public static Optional<PromotionRecord> find(ClusterSpec spec, String planId) {
        return planId == null ? Optional.empty() : DurableRecords.read(file(spec, planId), PromotionRecord.class, WHAT);
    }

    /** Writes this record durably unless the plan already has one; returns the record in place. */
    public PromotionRecord keepFirst(ClusterSpec spec) {
        return DurableRecords.keepFirst(file(spec, planId), this, PromotionRecord.class, WHAT);
    }
}
