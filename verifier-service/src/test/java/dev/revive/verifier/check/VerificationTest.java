package dev.revive.verifier.check;

import dev.revive.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-14T09:27:32Z"));
    private final List<Runnable> betweenRounds = new ArrayList<>();

    @Test
    void allAgreeIsConsistent() {
        FakeCluster cluster = FakeCluster.healthy(3);

        VerificationResult result = verification(cluster).verify(cluster.members(), Contexts.TOLERANCES);

        assertThat(result.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(result.checks()).extracting(CheckResult::name)
                .containsExactly("members-answer", "single-leader", "applied-index-lag", "hash-kv-equal");
        assertThat(result.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.PASS);
        assertThat(result.rounds()).isEqualTo(1);
    }

    @Test
    void hashMismatchIsInconsistent() {
        FakeCluster cluster = FakeCluster.healthy(3);
        cluster.member("m2").hash = 43;

        VerificationResult result = verification(cluster).verify(cluster.members(), Contexts.TOLERANCES);

        assertThat(result.verdict()).isEqualTo(Verdict.INCONSISTENT);
        assertThat(status(result, HashKvEqual.NAME)).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void missingMemberIsDegraded() {
        FakeCluster cluster = FakeCluster.healthy(3).silent("m2");

        VerificationResult result = verification(cluster).verify(cluster.members(), Contexts.TOLERANCES);

        assertThat(result.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(status(result, MembersAnswer.NAME)).isEqualTo(CheckStatus.FAIL);
        assertThat(status(result, HashKvEqual.NAME)).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void laggingMemberIsDegraded() {
        FakeCluster cluster = FakeCluster.healthy(3);
        cluster.member("m1").raftIndex = 5;

        VerificationResult result = verification(cluster).verify(cluster.members(), Contexts.TOLERANCES);

        assertThat(result.verdict()).isEqualTo(Verdict.DEGRADED);
    }

    @Test
    void noMemberAnsweringIsFailed() {
        FakeCluster cluster = FakeCluster.healthy(3).silent("m0").silent("m1").silent("m2");

        VerificationResult result = verification(cluster).verify(cluster.members(), Contexts.TOLERANCES);

        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
    }

    @Test
    void settlesUntilTheSettleTimeIsOverBeforeConcludingDegraded() {
        FakeCluster cluster = FakeCluster.healthy(3).silent("m2");
        Instant start = clock.instant();

        VerificationResult result = verification(cluster).verify(cluster.members(), Contexts.TOLERANCES);

        assertThat(result.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(result.rounds()).isEqualTo(21);
        assertThat(cluster.rounds()).isEqualTo(21);
        assertThat(Duration.between(start, clock.instant())).isEqualTo(SETTLE);
    }

    @Test
    void restartedMemberThatAnswersWhileSettlingIsConsistent() {
        FakeCluster cluster = FakeCluster.healthy(3).silent("m2");
        betweenRounds.add(() -> {
            if (cluster.rounds() == 3) {
                cluster.answers("m2");
            }
        });

        VerificationResult result = verification(cluster).verify(cluster.members(), Contexts.TOLERANCES);

        assertThat(result.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(result.rounds()).isEqualTo(4);
    }

    @Test
    void quickLookRunsTheHealthChecksOnce() {
        FakeCluster cluster = FakeCluster.healthy(3).silent("m1");

        List<Finding> findings = verification(cluster).quickLook(cluster.members(), Contexts.TOLERANCES);

        assertThat(findings).extracting(finding -> finding.result().name())
                .containsExactly("members-answer", "single-leader", "applied-index-lag");
        assertThat(cluster.rounds()).isEqualTo(1);
    }

    private Verification verification(FakeCluster cluster) {
        Pause pause = duration -> {
            clock.advance(duration);
            betweenRounds.forEach(Runnable::run);
        };
        return new Verification(Verification.etcdChecks(), cluster, clock, pause,
                new Verification.Settings(SETTLE, INTERVAL, 3));
    }

    private static CheckStatus status(VerificationResult result, String name) {
        return result.checks().stream().filter(check -> check.name().equals(name)).findFirst().orElseThrow().status();
    }
}
