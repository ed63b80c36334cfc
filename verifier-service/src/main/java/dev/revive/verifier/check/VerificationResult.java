package dev.revive.verifier.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.kind.CheckFinding;
import java.util.List;

/**
 * The conclusion of a verification.
 *
 * @param verdict the verdict of the last round
 * @param checks  the checks of the last round
 * @param rounds  how many rounds ran before concluding
 */
public record VerificationResult(Verdict verdict, List<CheckResult> checks, int rounds) {

    public VerificationResult {
        checks = List.copyOf(checks);
    }

    /** The result of one round of findings. */
    static VerificationResult of(List<CheckFinding> findings, int rounds) {
        return new VerificationResult(Verdicts.of(findings), findings.stream().map(CheckFinding::result).toList(), rounds);
    }
}
