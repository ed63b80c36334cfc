package dev.revive.verifier.check;

import dev.revive.contracts.cluster.VerificationTolerances;
import dev.revive.contracts.report.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs the checks on a cluster in rounds. A just-restarted member may need a moment, so anything
 * but CONSISTENT is re-checked every retry interval until the settle time is over; the last round
 * decides.
 */
public final class Verification {

    private final List<ConsistencyCheck> checks;
    private final MemberReader.Factory readers;
    private final Clock clock;
    private final Pause pause;
    private final Settings settings;

    /**
     * How long and how often to check.
     *
     * @param settleTime    how long non-CONSISTENT results are re-checked
     * @param retryInterval the pause between rounds
     * @param hashAttempts  attempts to find a common revision for the hash comparison in one round
     */
    public record Settings(Duration settleTime, Duration retryInterval, int hashAttempts) {
    }

    public Verification(List<ConsistencyCheck> checks, MemberReader.Factory readers, Clock clock, Pause pause,
            Settings settings) {
        this.checks = List.copyOf(checks);
        this.readers = readers;
        this.clock = clock;
        this.pause = pause;
        this.settings = settings;
    }

    /** The standard etcd checks: members answer, one leader, indexes close, equal hashes. */
    public static List<ConsistencyCheck> etcdChecks() {
        return List.of(new MembersAnswer(), new SingleLeader(), new AppliedIndexClose(), new HashKvEqual());
    }

    /** Checks until CONSISTENT or the settle time is over. */
    public VerificationResult verify(List<Member> members, VerificationTolerances tolerances) {
        Instant deadline = clock.instant().plus(settings.settleTime());
        int rounds = 1;
        List<Finding> findings = round(members, tolerances, checks);
        while (Verdicts.of(findings) != Verdict.CONSISTENT && clock.instant().isBefore(deadline)
                && !Thread.currentThread().isInterrupted()) {
            pause.pause(shorter(settings.retryInterval(), Duration.between(clock.instant(), deadline)));
            findings = round(members, tolerances, checks);
            rounds++;
        }
        return VerificationResult.of(findings, rounds);
    }

    /** One round of the health checks only, without settling: a quick look at the cluster. */
    public List<Finding> quickLook(List<Member> members, VerificationTolerances tolerances) {
        return round(members, tolerances, checks.stream().filter(check -> check.kind() == ConsistencyCheck.Kind.HEALTH)
                .toList());
    }

    private List<Finding> round(List<Member> members, VerificationTolerances tolerances, List<ConsistencyCheck> which) {
        try (MemberReader reader = readers.open()) {
            List<MemberReading> readings = members.stream().map(reader::status).toList();
            CheckContext context = new CheckContext(readings, tolerances, reader, settings.hashAttempts());
            return which.stream().map(check -> new Finding(check.kind(), check.run(context))).toList();
        }
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
