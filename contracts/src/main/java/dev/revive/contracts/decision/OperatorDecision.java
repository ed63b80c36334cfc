package dev.revive.contracts.decision;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.time.Instant;

/**
 * An operator's decision about a plan waiting for approval, on topic {@code revive.decisions}.
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
 */
public record OperatorDecision(
        String decisionId, String clusterId, String planId, DecisionVerdict verdict,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean dryRun, String by,
        String reason, Instant at) {

    public OperatorDecision {
        Check.id("decisionId", decisionId);
        Check.id("clusterId", clusterId);
        Check.id("planId", planId);
        Check.required("verdict", verdict);
        Check.text("by", by);
        if (by.length() > 256) {
            throw new ContractViolation("by", Reason.TOO_LARGE, "must be at most 256 characters");
        }
        Check.text("reason", reason);
        Check.required("at", at);
    }
}
