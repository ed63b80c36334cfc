package dev.revive.targets.kind;

import dev.revive.contracts.report.CheckResult;
import java.util.Objects;

/**
 * One check's result and what its failure means for the verdict.
 *
 * @param kind   HEALTH (the cluster is not whole) or DATA (the replicas disagree)
 * @param result the check result with its evidence
 */
public record CheckFinding(Kind kind, CheckResult result) {

    /** What a failure of the check means for the verdict. */
    public enum Kind {
        /** The cluster is not whole: a member is missing, lagging or leaderless. */
        HEALTH,
        /** The replicas' data disagree. */
        DATA
    }

    public CheckFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(result, "result");
    }
}
