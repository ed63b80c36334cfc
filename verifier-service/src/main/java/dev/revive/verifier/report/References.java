package dev.revive.verifier.report;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.plan.RecoveryPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The plans and cluster specs the verifier has read. An outcome can arrive before its plan or
 * spec has been read, so lookups may wait for them, boundedly.
 */
public interface References {

    /** The plan, waiting at most {@code wait} for it to arrive. */
    Optional<RecoveryPlan> awaitPlan(String planId, Duration wait);

    /** The cluster's spec, waiting at most {@code wait} for it to arrive. */
    Optional<ClusterSpec> awaitCluster(String clusterId, Duration wait);

    /** When the plan's START step succeeded (as seen on {@code revive.executions}), if it did. */
    Optional<Instant> restartedAt(String planId);

    /** Whether a report for the plan has been published already. */
    boolean isReported(String planId);
}
