package dev.revive.contracts.cluster;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.time.Duration;
import java.util.List;

/**
 * How Revive may act on a cluster. Absent fields take their defaults.
 *
 * @param mode                     AUTO runs plans by itself; APPROVAL_REQUIRED waits for a human; DRY_RUN only
 *                                 records what it would do
 * @param maxConcurrentDisruptions how many members may be down at once by Revive's doing (never more than the
 *                                 kind's disruption model allows)
 * @param restartBudget            the flap breaker
 * @param verification             the tolerances of the verifier
 * @param triage                   rows that override the default triage table for this cluster, first match wins
 * @param confirmWindow            how long a fault that needs confirming (a node that hangs but runs) must hold
 *                                 before a restart is planned (default 15 s)
 */
public record Policy(
        PlanMode mode,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int maxConcurrentDisruptions,
        RestartBudget restartBudget,
        VerificationTolerances verification,
        List<TriageRule> triage,
        Duration confirmWindow) {

    /** The confirm window used when a spec gives none. */
    public static final Duration DEFAULT_CONFIRM_WINDOW = Duration.ofSeconds(15);

    public Policy {
        mode = mode == null ? PlanMode.AUTO : mode;
        if (mode != PlanMode.AUTO && mode != PlanMode.APPROVAL_REQUIRED && mode != PlanMode.DRY_RUN) {
            throw new ContractViolation("mode", Reason.INVALID_VALUE, "must be AUTO, APPROVAL_REQUIRED or DRY_RUN");
        }
        maxConcurrentDisruptions = maxConcurrentDisruptions == 0 ? 1 : maxConcurrentDisruptions;
        Check.between("maxConcurrentDisruptions", maxConcurrentDisruptions, 1, 256);
        restartBudget = restartBudget == null ? RestartBudget.defaults() : restartBudget;
        verification = verification == null ? VerificationTolerances.defaults() : verification;
        triage = Check.list("triage", triage);
        confirmWindow = Check.positive("confirmWindow", confirmWindow == null ? DEFAULT_CONFIRM_WINDOW : confirmWindow);
    }

    /** A policy with the default triage table and confirm window. */
    public Policy(PlanMode mode, int maxConcurrentDisruptions, RestartBudget restartBudget,
            VerificationTolerances verification) {
        this(mode, maxConcurrentDisruptions, restartBudget, verification, null, null);
    }

    public static Policy defaults() {
        return new Policy(null, 0, null, null, null, null);
    }
}
