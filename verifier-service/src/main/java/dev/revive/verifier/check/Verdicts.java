package dev.revive.verifier.check;

import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.kind.CheckFinding;
import java.util.List;

/**
 * Turns the findings of one round into a verdict. In order: a data check that fails means the
 * replicas diverged (INCONSISTENT); a check that could not run leaves the question open (FAILED);
 * a health check that fails while the data agrees means the cluster is not whole (DEGRADED);
 * otherwise CONSISTENT.
 */
public final class Verdicts {

    private Verdicts() {
    }

    public static Verdict of(List<CheckFinding> findings) {
        if (findings.isEmpty()) {
            return Verdict.FAILED;
        }
        if (findings.stream().anyMatch(finding -> finding.kind() == CheckFinding.Kind.DATA
                && is(finding, CheckStatus.FAIL))) {
            return Verdict.INCONSISTENT;
        }
        if (findings.stream().anyMatch(finding -> is(finding, CheckStatus.ERROR))) {
            return Verdict.FAILED;
        }
        if (findings.stream().anyMatch(finding -> is(finding, CheckStatus.FAIL))) {
            return Verdict.DEGRADED;
        }
        return Verdict.CONSISTENT;
    }

    private static boolean is(CheckFinding finding, CheckStatus status) {
        return finding.result().status() == status;
    }
}
