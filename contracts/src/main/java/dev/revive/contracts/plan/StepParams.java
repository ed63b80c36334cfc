package dev.revive.contracts.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.revive.contracts.validation.Check;
import java.time.Duration;

/**
 * Typed parameters of a step; which are used depends on the action.
 *
 * @param timeout      how long the step may take before it is TIMED_OUT (all actions)
 * @param gracePeriod  how long a graceful STOP waits before the process is killed
 * @param sourceNodeId the healthy member to read from (SNAPSHOT, AWAIT_CAUGHT_UP), or null
 * @param maxIndexLag  how far a member's applied index may trail the leader's to count as caught up
 * @param attempts     how many times a failing step is tried in all (at least 1)
 * @param confirmUnresponsive STOP / FORCE_KILL: right before signalling a running node, the executor probes it
 *                     again and stops the plan (PLAN_CANCELLED) if it answers: the fault that caused the plan
 *                     no longer holds. Set for faults a probe can see (process down, unreachable). Absent or null
 *                     in JSON (plans written before it existed) means false.
 * @param snapshot     RESTORE_SNAPSHOT: the snapshot to restore, a file name in the cluster's backup directory
 *                     ({@code <planId>-<node>.db}); null (left out of JSON): the newest verified one. Never a
 *                     path.
 * @param wholeCluster STOP / FORCE_KILL of a plan that takes the whole cluster down on purpose (a rollback, which an
 *                     operator approved or asked for): the executor's live disruption guard does not refuse it.
 *                     False (left out of JSON) for every other step.
 * @param lastKnownPosition PROMOTE: the replication position (Redis: the offset in bytes) the failed primary last
 *                     answered with, from its fault's evidence; the step states the data-loss bound against it (that
 *                     position minus the chosen replica's). Null (left out of JSON) when nobody saw one.
 */
public record StepParams(Duration timeout, Duration gracePeriod, String sourceNodeId, Long maxIndexLag, int attempts,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean confirmUnresponsive,
        @JsonInclude(JsonInclude.Include.NON_NULL) String snapshot,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean wholeCluster,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long lastKnownPosition) {

    public StepParams {
        Check.positive("timeout", timeout);
        Check.optionalId("sourceNodeId", sourceNodeId);
        if (snapshot != null) {
            Check.id("snapshot", snapshot);
        }
        if (maxIndexLag != null) {
            Check.atLeast("maxIndexLag", maxIndexLag, 0);
        }
        Check.between("attempts", attempts, 1, 10);
        if (lastKnownPosition != null) {
            Check.atLeast("lastKnownPosition", lastKnownPosition, 0);
        }
    }

    /** Parameters without a last known position (every step but a PROMOTE after a failed primary). */
    public StepParams(Duration timeout, Duration gracePeriod, String sourceNodeId, Long maxIndexLag, int attempts,
            boolean confirmUnresponsive, String snapshot, boolean wholeCluster) {
        this(timeout, gracePeriod, sourceNodeId, maxIndexLag, attempts, confirmUnresponsive, snapshot, wholeCluster,
                null);
    }

    /** Parameters of any step but RESTORE_SNAPSHOT and the steps that take a whole cluster down. */
    public StepParams(Duration timeout, Duration gracePeriod, String sourceNodeId, Long maxIndexLag, int attempts,
            boolean confirmUnresponsive) {
        this(timeout, gracePeriod, sourceNodeId, maxIndexLag, attempts, confirmUnresponsive, null, false);
    }

    /** Parameters without the unresponsiveness re-check. */
    public StepParams(Duration timeout, Duration gracePeriod, String sourceNodeId, Long maxIndexLag, int attempts) {
        this(timeout, gracePeriod, sourceNodeId, maxIndexLag, attempts, false);
    }

    /** These parameters for a step that takes the whole cluster down on purpose ({@link #wholeCluster()}). */
    public StepParams withWholeCluster() {
        return new StepParams(timeout, gracePeriod, sourceNodeId, maxIndexLag, attempts, confirmUnresponsive, snapshot,
                true, lastKnownPosition);
    }

    /** These parameters with {@code position} as the failed primary's last known position (null: none). */
    public StepParams withLastKnownPosition(Long position) {
        return new StepParams(timeout, gracePeriod, sourceNodeId, maxIndexLag, attempts, confirmUnresponsive, snapshot,
                wholeCluster, position);
    }

    /** These parameters restoring {@code file} ({@link #snapshot()}; null: the newest verified one). */
    public StepParams withSnapshot(String file) {
        return new StepParams(timeout, gracePeriod, sourceNodeId, maxIndexLag, attempts, confirmUnresponsive, file,
                wholeCluster, lastKnownPosition);
    }

    /** Parameters that only bound the step's time, tried once. */
    public static StepParams within(Duration timeout) {
        return new StepParams(timeout, null, null, null, 1);
    }
}
