package dev.revive.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.Verdict;
import dev.revive.runbooks.UnsupportedKindException;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.testkit.MutableClock;
import dev.revive.verifier.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Instant RESTARTED = Instant.parse("2025-03-14T09:27:20Z");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-14T09:27:32Z"));
    private final List<Runnable> betweenRounds = new ArrayList<>();
    private final FakeChecks checks = FakeChecks.passing();
    private final ClusterSpec spec = Samples.etcd("c-3", 3);

    @Test
    void allPassingIsConsistentAfterOneRound() {
        VerificationResult result = verification().verify(spec, RESTARTED);

        assertThat(result.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(result.checks()).extracting(CheckResult::name).containsExactly(FakeChecks.HEALTH, FakeChecks.DATA);
        assertThat(result.rounds()).isEqualTo(1);
    }

    @Test
    void theRequestCarriesTheSpecTheRestartTimeAndTheHashAttempts() {
        verification().verify(spec, RESTARTED);

        assertThat(checks.rounds()).singleElement().satisfies(request -> {
            assertThat(request.spec()).isEqualTo(spec);
            assertThat(request.restartedAt()).isEqualTo(RESTARTED);
            assertThat(request.hashAttempts()).isEqualTo(3);
        });
    }

    @Test
    void aDataFailureIsInconsistent() {
        checks.data = CheckStatus.FAIL;

        VerificationResult result = verification().verify(spec, null);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONSISTENT);
    }

    @Test
    void settlesUntilTheSettleTimeIsOverBeforeConcludingDegraded() {
        checks.health = CheckStatus.FAIL;
        Instant start = clock.instant();

        VerificationResult result = verification().verify(spec, null);

        assertThat(result.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(result.rounds()).isEqualTo(21);
        assertThat(checks.rounds()).hasSize(21);
        assertThat(Duration.between(start, clock.instant())).isEqualTo(SETTLE);
    }

    @Test
    void aNodeThatComesBackWhileSettlingIsConsistent() {
        checks.health = CheckStatus.FAIL;
        betweenRounds.add(() -> {
            if (checks.rounds().size() == 3) {
                checks.health = CheckStatus.PASS;
            }
        });

        VerificationResult result = verification().verify(spec, null);

        assertThat(result.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(result.rounds()).isEqualTo(4);
    }

    @Test
    void aCheckThatCannotRunIsFailedAfterSettling() {
        checks.health = CheckStatus.ERROR;

        VerificationResult result = verification().verify(spec, null);

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.rounds()).isEqualTo(21);
    }

    @Test
    void quickLookRunsTheKindsQuickLookOnce() {
        checks.health = CheckStatus.FAIL;

        List<CheckFinding> findings = verification().quickLook(spec, RESTARTED);

        assertThat(findings).extracting(finding -> finding.result().name()).containsExactly(FakeChecks.HEALTH);
        assertThat(checks.quickLooks()).hasSize(1);
        assertThat(checks.rounds()).isEmpty();
    }

    @Test
    void aKindWithoutChecksIsRefusedWithItsTypedReason() {
        Verification verification = new Verification(kind -> {
            throw UnsupportedKindException.of(UnsupportedKindException.Side.CHECKS, kind);
        }, clock, clock::advance, new Verification.Settings(SETTLE, INTERVAL, 3));
        ClusterSpec redis = new ClusterSpec("r-3", SystemKind.REDIS, spec.nodes(), spec.policy(), spec.backup());

        assertThatThrownBy(() -> verification.verify(redis, null)).isInstanceOfSatisfying(
                UnsupportedKindException.class,
                e -> assertThat(e.side()).isEqualTo(UnsupportedKindException.Side.CHECKS));
    }

    private Verification verification() {
        Pause pause = duration -> {
            clock.advance(duration);
            betweenRounds.forEach(Runnable::run);
        };
        return new Verification(kind -> checks, clock, pause, new Verification.Settings(SETTLE, INTERVAL, 3));
    }
}
