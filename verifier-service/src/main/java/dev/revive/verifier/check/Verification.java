package dev.revive.verifier.check;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.ClusterCheckSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs the checks of the cluster's kind in rounds. A just-restarted node may need a moment, so anything
 * but CONSISTENT is re-checked every retry interval until the settle time is over; the last round
 * decides. Kind-independent: the checks come from {@link CheckSets}.
 */
public final class Verification {

    private final CheckSets checkSets;
    private final Clock clock;
    private final Pause pause;
    private final Settings settings;

    /**
     * How long and how often to check.
     *
     * @param settleTime    how long non-CONSISTENT results are re-checked
     * @param retryInterval the pause between rounds
     * @param hashAttempts  attempts to find a common revision for a data comparison in one round
     */
    public record Settings(Duration settleTime, Duration retryInterval, int hashAttempts) {
    }

    public Verification(CheckSets checkSets, Clock clock, Pause pause, Settings settings) {
        this.checkSets = checkSets;
        this.clock = clock;
        this.pause = pause;
        this.settings = settings;
    }

    /**
     * Checks until CONSISTENT or the settle time is over.
     *
     * @param restartedAt when the plan restarted its node, or null
     * @throws dev.revive.runbooks.UnsupportedKindException when the spec's kind has no checks
     */
    public VerificationResult verify(ClusterSpec spec, Instant restartedAt) {
        return verify(spec, null, null, restartedAt);
    }

    /**
     * Checks the outcome of plan {@code planId} of an incident first observed at {@code detectedAt} until CONSISTENT
     * or the settle time is over.
     *
     * @param restartedAt when the plan restarted its node, or null
     * @throws dev.revive.runbooks.UnsupportedKindException when the spec's kind has no checks
     */
    public VerificationResult verify(ClusterSpec spec, String planId, Instant detectedAt, Instant restartedAt) {
        ClusterCheckSet checks = checkSets.forKind(spec.kind());
        CheckRequest request = new CheckRequest(spec, restartedAt, settings.hashAttempts(), planId, detectedAt);
        Instant deadline = clock.instant().plus(settings.settleTime());
        int rounds = 1;
        List<CheckFinding> findings = checks.round(request);
        while (Verdicts.of(findings) != Verdict.CONSISTENT && clock.instant().isBefore(deadline)
                && !Thread.currentThread().isInterrupted()) {
            pause.pause(shorter(settings.retryInterval(), Duration.between(clock.instant(), deadline)));
            findings = checks.round(request);
            rounds++;
        }
        return VerificationResult.of(findings, rounds);
    }

    /**
     * One round of the health checks only, without settling: a quick look at the cluster.
     *
     * @throws dev.revive.runbooks.UnsupportedKindException when the spec's kind has no checks
     */
    public List<CheckFinding> quickLook(ClusterSpec spec, Instant restartedAt) {
        return quickLook(spec, null, null, restartedAt);
    }

    /** {@link #quickLook(ClusterSpec, Instant)} of the outcome of plan {@code planId}. */
    public List<CheckFinding> quickLook(ClusterSpec spec, String planId, Instant detectedAt, Instant restartedAt) {
        return checkSets.forKind(spec.kind())
                .quickLook(new CheckRequest(spec, restartedAt, settings.hashAttempts(), planId, detectedAt));
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
