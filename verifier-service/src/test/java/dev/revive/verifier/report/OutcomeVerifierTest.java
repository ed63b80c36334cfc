package dev.revive.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.plan.Diagnosis;
import dev.revive.contracts.plan.DiagnosisScope;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.time.IdSource;
import dev.revive.runbooks.UnsupportedKindException;
import dev.revive.testkit.MutableClock;
import dev.revive.verifier.Samples;
import dev.revive.verifier.check.CheckSets;
import dev.revive.verifier.check.FakeChecks;
import dev.revive.verifier.check.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeVerifierTest {

    private static final Instant NOW = Instant.parse("2025-03-14T09:27:34Z");
    private static final Instant RESTARTED = Instant.parse("2025-03-14T09:27:20Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final FakeChecks checks = FakeChecks.passing();
    private final Map<String, RecoveryPlan> plans = new HashMap<>();
    private final Map<String, ClusterSpec> specs = new HashMap<>();
    private final Map<String, Instant> restarts = new HashMap<>();
    private final RecoveryPlan plan = Samples.plan("etcd-3", "inc-1");

    @Test
    void completedPlanOnAWholeClusterIsConsistent() {
        registered(Samples.etcd("etcd-3", 3));

        RecoveryReport report = verifier().verify(Samples.outcome(plan, Outcome.PLAN_COMPLETED, "7 steps done"));

        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(report.checks()).extracting(CheckResult::name).containsExactly("plan-completed",
                FakeChecks.HEALTH, FakeChecks.DATA);
        assertThat(report.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.PASS);
        assertThat(report.timeline().verifiedAt()).isEqualTo(NOW);
    }

    @Test
    void theChecksLookAtTheLogsFromTheSucceededStartOfThePlan() {
        registered(Samples.etcd("etcd-3", 3));
        restarts.put(plan.planId(), RESTARTED);

        verifier().verify(Samples.outcome(plan, Outcome.PLAN_COMPLETED, "7 steps done"));

        assertThat(checks.rounds()).extracting(request -> request.restartedAt()).containsOnly(RESTARTED);
    }

    @Test
    void aPlanWithoutASucceededStartHasNoRestartTime() {
        registered(Samples.etcd("etcd-3", 3));

        verifier().verify(Samples.outcome(plan, Outcome.PLAN_COMPLETED, "dry run"));

        assertThat(checks.rounds()).extracting(request -> request.restartedAt()).containsOnlyNulls();
    }

    @Test
    void cancelledPlanGetsTheFullVerification() {
        registered(Samples.etcd("etcd-3", 3));
        checks.health = CheckStatus.FAIL;

        RecoveryReport report = verifier().verify(
                Samples.outcome(plan, Outcome.PLAN_CANCELLED, "fault no longer holds: m1 answers"));

        assertThat(report.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(report.checks()).extracting(CheckResult::name).containsExactly("plan-completed",
                FakeChecks.HEALTH, FakeChecks.DATA);
        CheckResult ending = report.checks().get(0);
        assertThat(ending.status()).isEqualTo(CheckStatus.PASS);
        assertThat(ending.observed()).isEqualTo("PLAN_CANCELLED: fault no longer holds: m1 answers");
        assertThat(checks.rounds()).hasSizeGreaterThan(1);
        assertThat(checks.quickLooks()).isEmpty();
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
        assertThat(report.checks()).extracting(CheckResult::name).containsExactly("plan-completed", FakeChecks.HEALTH);
        assertThat(checks.quickLooks()).hasSize(1);
        assertThat(checks.rounds()).isEmpty();
    }

    @Test
    void theReportCarriesThePlansDiagnosis() {
        Diagnosis diagnosis = new Diagnosis(DiagnosisScope.ONE_NODE, Samples.DETECTED, List.of("m1"),
                List.of("m1 PROCESS_DOWN CRITICAL probe: connection refused"));
        RecoveryPlan diagnosed = new RecoveryPlan(plan.planId(), plan.incidentId(), plan.clusterId(), 1, plan.scope(),
                plan.mode(), null, plan.reason(), plan.steps(), plan.detectedAt(), plan.createdAt(), diagnosis);
        specs.put("etcd-3", Samples.etcd("etcd-3", 3));
        plans.put(plan.planId(), diagnosed);

        RecoveryReport report = verifier().verify(Samples.outcome(plan, Outcome.PLAN_COMPLETED, "done"));

        assertThat(report.diagnosis()).isEqualTo(diagnosis);
    }

    @Test
    void clusterOfAKindWithoutChecksIsFailedWithTheTypedReason() {
        ClusterSpec etcd = Samples.etcd("etcd-3", 3);
        registered(new ClusterSpec(etcd.id(), SystemKind.REDIS, etcd.nodes(), etcd.policy(), etcd.backup()));

        RecoveryReport report = verifier(kind -> {
            throw UnsupportedKindException.of(UnsupportedKindException.Side.CHECKS, kind);
        }).verify(Samples.outcome(plan, Outcome.PLAN_COMPLETED, null));

        assertThat(report.verdict()).isEqualTo(Verdict.FAILED);
        CheckResult unsupported = report.checks().get(1);
        assertThat(unsupported.name()).isEqualTo("supported-kind");
        assertThat(unsupported.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(unsupported.observed()).contains("no checks for kind REDIS");
        assertThat(unsupported.evidence()).containsEntry("side", "CHECKS").containsEntry("kind", "REDIS");
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
        return verifier(kind -> checks);
    }

    private OutcomeVerifier verifier(CheckSets checkSets) {
        Verification verification = new Verification(checkSets, clock, clock::advance,
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
            public Optional<Instant> restartedAt(String planId) {
                return Optional.ofNullable(restarts.get(planId));
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
