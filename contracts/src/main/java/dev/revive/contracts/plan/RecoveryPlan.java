package dev.revive.contracts.plan;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the planner decided to do about an incident, on topic {@code revive.plans}.
 *
 * @param planId     unique id of this plan revision
 * @param incidentId the incident it answers
 * @param clusterId  the cluster it acts on
 * @param revision   a later revision of the same incident supersedes an earlier one (from 1)
 * @param scope      how much of the cluster it touches
 * @param mode       whether it may run by itself
 * @param modeReason why the mode was chosen (always set when approval is required)
 * @param reason     the fault ids that led to it
 * @param steps      what to do, in order
 * @param detectedAt when the first fault of the incident was observed
 * @param createdAt  when the plan was made
 * @param diagnosis  what was seen before it was made, or null
 */
public record RecoveryPlan(
        String planId,
        String incidentId,
        String clusterId,
        int revision,
        PlanScope scope,
        PlanMode mode,
        String modeReason,
        List<String> reason,
        List<PlanStep> steps,
        Instant detectedAt,
        Instant createdAt,
        Diagnosis diagnosis) {

    public RecoveryPlan {
        Check.id("planId", planId);
        Check.id("incidentId", incidentId);
        Check.id("clusterId", clusterId);
        Check.atLeast("revision", revision, 1);
        Check.required("scope", scope);
        Check.required("mode", mode);
        Check.optionalText("modeReason", modeReason);
        if (mode == PlanMode.APPROVAL_REQUIRED && (modeReason == null || modeReason.isBlank())) {
            throw new ContractViolation("modeReason", Reason.MISSING_FIELD, "is required when approval is required");
        }
        reason = Check.list("reason", reason, Check::id);
        steps = Check.list("steps", steps);
        requireUniqueStepIds(steps);
        Check.required("detectedAt", detectedAt);
        Check.required("createdAt", createdAt);
        if ((mode == PlanMode.NOTICE || mode == PlanMode.CANCEL) && !steps.isEmpty()) {
            throw new ContractViolation("steps", Reason.INVALID_VALUE, "a " + mode + " plan has no steps");
        }
    }

    /** A plan without a diagnosis. */
    public RecoveryPlan(String planId, String incidentId, String clusterId, int revision, PlanScope scope, PlanMode mode,
            String modeReason, List<String> reason, List<PlanStep> steps, Instant detectedAt, Instant createdAt) {
        this(planId, incidentId, clusterId, revision, scope, mode, modeReason, reason, steps, detectedAt, createdAt, null);
    }

    /**
     * How the {@code modeReason} of a NOTICE revision that hands an incident to a human begins (a fault no runbook can
     * help, an approval request rejected or expired, ...).
     */
    public static final String ESCALATION_PREFIX = "escalated: ";

    /** Whether this is the NOTICE revision that escalated its incident to a human ({@link #ESCALATION_PREFIX}). */
    public boolean escalation() {
        return mode == PlanMode.NOTICE && modeReason != null && modeReason.startsWith(ESCALATION_PREFIX);
    }

    /** Why the incident was escalated, without the prefix, when this is its escalation. */
    public Optional<String> escalationReason() {
        return escalation() ? Optional.of(modeReason.substring(ESCALATION_PREFIX.length())) : Optional.empty();
    }

    /** The step with this id, if the plan has one. */
    public Optional<PlanStep> step(String stepId) {
        return steps.stream().filter(step -> step.stepId().equals(stepId)).findFirst();
    }

    private static void requireUniqueStepIds(List<PlanStep> steps) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            if (!seen.add(steps.get(i).stepId())) {
                throw new ContractViolation("steps[" + i + "].stepId", Reason.INVALID_VALUE,
                        "'" + steps.get(i).stepId() + "' is used by an earlier step");
            }
        }
    }
}
