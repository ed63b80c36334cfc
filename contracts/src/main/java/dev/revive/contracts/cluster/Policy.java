package dev.revive.contracts.cluster;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.validation.Check;

/**
 * How Revive may act on a cluster. Absent fields take their defaults.
 *
 * @param mode                     AUTO runs plans by itself; APPROVAL_REQUIRED waits for a human; DRY_RUN only plans
 * @param maxConcurrentDisruptions how many members may be down at once by Revive's doing (never more than quorum allows)
 * @param restartBudget            the flap breaker
 * @param verification             the tolerances of the verifier
 */
public record Policy(
        PlanMode mode,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int maxConcurrentDisruptions,
        RestartBudget restartBudget,
        VerificationTolerances verification) {

    public Policy {
        mode = mode == null ? PlanMode.AUTO : mode;
        maxConcurrentDisruptions = maxConcurrentDisruptions == 0 ? 1 : maxConcurrentDisruptions;
        Check.between("maxConcurrentDisruptions", maxConcurrentDisruptions, 1, 256);
        restartBudget = restartBudget == null ? RestartBudget.defaults() : restartBudget;
        verification = verification == null ? VerificationTolerances.defaults() : verification;
    }

    public static Policy defaults() {
        return new Policy(null, 0, null, null);
    }
}
