package dev.revive.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.time.IdSource;
import dev.revive.verifier.Samples;
import dev.revive.verifier.check.FakeCluster;
import dev.revive.testkit.MutableClock;
import dev.revive.verifier.check.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeVerifierTest {

    private static final Instant NOW = Instant.parse("2025-03-14T09:27:34Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeCluster cluster = FakeCluster.healthy(3);
    private final Map<String, RecoveryPlan> plans = new HashMap<>();
    private final Map<String, ClusterSpec> specs = new HashMap<>();
    private final RecoveryPlan plan = Samples.plan("etcd-3", "inc-1");

    @Test
    void completedPlanOnAWholeClusterIsConsistent() {
        registered(Samples.etcd("etcd-3", 3));

        RecoveryReport report = verifier().verify(Samples.outcome(plan, Outcome.PLAN_COMPLETED, "7 steps done"));

        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(report.checks()).extracting(CheckResult::name).containsExactly("plan-completed", "members-answer",
                "single-leader", "applied-index-lag", "hash-kv-equal");
        assertThat(report.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.PASS);
        assertThat(report.timeline().verifiedAt()).isEqualTo(NOW);
    }

    @Test
    void abortedPlanIsFailedAndSaysWhy() {
        registered(Samples.etcd("etcd-3", 3));

        RecoveryReport report = verifier().verify(
                Samples.outcome(plan, Outcome.PLAN_ABORTED, "05-start FAILED: etcd exited with 1"));

        assertThat(report.verdict()).isEqualTo(Verdict.FAILED);
        CheckResult ending = report.checks().get(0);
        assertThat(ending.name()).isEqualTo("plan-completed");
        assertThat(ending.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(ending.observed()).isEqualTo("PLAN_ABORTED: 05-start FAILED: etcd exited with 1");
        assertThat(ending.expected()).isEqualTo("PLAN_COMPLETED");
        assertThat(report.checks()).extracting(CheckResult::name).doesNotContain("hash-kv-equal");
        assertThat(cluster.rounds()).isEqualTo(1);
    }

    @Test
    void clusterOfAKindWithoutChecksIsFailed() {
        ClusterSpec etcd = Samples.etcd("etcd-3", 3);
        registered(new ClusterSpec(etcd.id(), SystemKind.REDIS, etcd.nodes(), etcd.policy(), etcd.backup()));

        RecoveryReport report = verifier().verify(Samples.outcome(plan, Outcome.PLAN_COMPLETED, null));

        assertThat(report.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(report.checks().get(1).name()).isEqualTo("supported-kind");
        assertThat(cluster.rounds()).isZero();
    }

    @Test
    void unknownPlanIsRejected() {
        specs.put("etcd-3", Samples.etcd("etcd-3", 3));

        assertThatThrownBy(() -> verifier().verify(Samples.outcome(plan, Outcome.PLAN_COMPLETED, null)))
                .isInstanceOfSatisfying(VerifierException.class,
                        e -> assertThat(e.reason()).isEqualTo(VerifierException.Reason.UNKNOWN_PLAN));
    }

    @Test
    void unknownClusterIsRejected() {
        plans.put(plan.planId(), plan);

        assertThatThrownBy(() -> verifier().verify(Samples.outcome(plan, Outcome.PLAN_COMPLETED, null)))
                .isInstanceOfSatisfying(VerifierException.class,
                        e -> assertThat(e.reason()).isEqualTo(VerifierException.Reason.UNKNOWN_CLUSTER));
    }

    private void registered(ClusterSpec spec) {
        specs.put(spec.id(), spec);
        plans.put(plan.planId(), plan);
    }

    private OutcomeVerifier verifier() {
        Verification verification = new Verification(Verification.etcdChecks(), cluster, clock, clock::advance,
                new Verification.Settings(Duration.ofSeconds(5), Duration.ofSeconds(1), 3));
        References references = new References() {
            @Override
            public Optional<RecoveryPlan> awaitPlan(String planId, Duration wait) {
                return Optional.ofNullable(plans.get(planId));
            }

            @Override
            public Optional<ClusterSpec> awaitCluster(String clusterId, Duration wait) {
                return Optional.ofNullable(specs.get(clusterId));
            }

            @Override
            public boolean isReported(String planId) {
                return false;
            }
        };
        return new OutcomeVerifier(references, verification, new ReportBuilder(IdSource.sequential()), clock,
                Duration.ofSeconds(1));
    }
}
