package dev.revive.contracts.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.time.Instant;

/**
 * An operator's decision about a plan waiting for approval, or an operator's request (no plan): roll a cluster back
 * to a snapshot (ROLLBACK), replace a member (REPLACE); on topic {@code revive.decisions}.
 *
 * @param decisionId unique id of this decision
 * @param clusterId  the plan's cluster (the record key)
 * @param planId     the plan decided about
 * @param verdict    approve or reject
 * @param dryRun     with APPROVE: run the plan as a dry run (record what it would do, touch nothing); absent or
 *                   null in JSON means false
 * @param by         who decided (the operator's name, as they gave it)
 * @param reason     why, in words
 * @param at         when
 * @param snapshot   with ROLLBACK: the snapshot to restore, a file name in the cluster's backup directory, or null
 *                   (left out of JSON) for the newest verified one; null for every other verdict
 * @param nodeId     with REPLACE: the member to replace; null (left out of JSON) for every other verdict
 */
public record OperatorDecision(
        String decisionId, String clusterId, String planId, DecisionVerdict verdict,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean dryRun, String by,
        String reason, Instant at, @JsonInclude(JsonInclude.Include.NON_NULL) String snapshot,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nodeId) {

    public OperatorDecision {
        Check.id("decisionId", decisionId);
        Check.id("clusterId", clusterId);
        Check.required("verdict", verdict);
        boolean request = verdict == DecisionVerdict.ROLLBACK || verdict == DecisionVerdict.REPLACE;
        if (request) {
            Check.optionalId("planId", planId);
        } else {
            Check.id("planId", planId);
        }
        if (verdict == DecisionVerdict.ROLLBACK) {
            Check.optionalId("snapshot", snapshot);
        } else if (snapshot != null) {
            throw new ContractViolation("snapshot", Reason.INVALID_VALUE, "only a ROLLBACK names a snapshot");
        }
        if (verdict == DecisionVerdict.REPLACE) {
            Check.id("nodeId", nodeId);
        } else if (nodeId != null) {
            throw new ContractViolation("nodeId", Reason.INVALID_VALUE, "only a REPLACE names a node");
        }
        Check.text("by", by);
        if (by.length() > 256) {
            throw new ContractViolation("by", Reason.TOO_LARGE, "must be at most 256 characters");
        }
        Check.text("reason", reason);
        Check.required("at", at);
    }

    /** A decision about the waiting plan {@code planId} (APPROVE or REJECT). */
    public OperatorDecision(String decisionId, String clusterId, String planId, DecisionVerdict verdict,
            boolean dryRun, String by, String reason, Instant at) {
        this(decisionId, clusterId, planId, verdict, dryRun, by, reason, at, null, null);
    }

    /** An operator's request to roll cluster {@code clusterId} back to {@code snapshot} (null: the newest verified). */
    public static OperatorDecision rollback(String decisionId, String clusterId, String snapshot, boolean dryRun,
            String by, String reason, Instant at) {
        return new OperatorDecision(decisionId, clusterId, null, DecisionVerdict.ROLLBACK, dryRun, by, reason, at,
                snapshot, null);
    }

    /** An operator's request to replace member {@code nodeId} of cluster {@code clusterId}. */
    public static OperatorDecision replace(String decisionId, String clusterId, String nodeId, boolean dryRun,
            String by, String reason, Instant at) {
        return new OperatorDecision(decisionId, clusterId, null, DecisionVerdict.REPLACE, dryRun, by, reason, at,
                null, nodeId);
    }
}
