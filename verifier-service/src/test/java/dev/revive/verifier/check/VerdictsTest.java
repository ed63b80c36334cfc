package dev.revive.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckFinding.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictsTest {

    @Test
    void allPassIsConsistent() {
        assertThat(Verdicts.of(List.of(health(CheckStatus.PASS), data(CheckStatus.PASS)))).isEqualTo(Verdict.CONSISTENT);
    }

    @Test
    void skippedChecksDoNotSpoilConsistency() {
        assertThat(Verdicts.of(List.of(health(CheckStatus.SKIPPED), data(CheckStatus.PASS))))
                .isEqualTo(Verdict.CONSISTENT);
    }

    @Test
    void dataFailureIsInconsistentWhateverElseHappened() {
        assertThat(Verdicts.of(List.of(health(CheckStatus.ERROR), health(CheckStatus.FAIL), data(CheckStatus.FAIL))))
                .isEqualTo(Verdict.INCONSISTENT);
    }

    @Test
    void healthFailureWithAgreeingDataIsDegraded() {
        assertThat(Verdicts.of(List.of(health(CheckStatus.FAIL), data(CheckStatus.PASS)))).isEqualTo(Verdict.DEGRADED);
    }

    @Test
    void aCheckThatCouldNotRunIsFailed() {
        assertThat(Verdicts.of(List.of(health(CheckStatus.FAIL), data(CheckStatus.ERROR)))).isEqualTo(Verdict.FAILED);
        assertThat(Verdicts.of(List.of(health(CheckStatus.ERROR), data(CheckStatus.PASS)))).isEqualTo(Verdict.FAILED);
    }

    @Test
    void noChecksIsFailed() {
        assertThat(Verdicts.of(List.of())).isEqualTo(Verdict.FAILED);
    }

    private static CheckFinding health(CheckStatus status) {
        return new CheckFinding(Kind.HEALTH, new CheckResult("health", status, null, null, Map.of()));
    }

    private static CheckFinding data(CheckStatus status) {
        return new CheckFinding(Kind.DATA, new CheckResult("data", status, null, null, Map.of()));
    }
}
