package dev.revive.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Timeline;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.time.IdSource;
import dev.revive.verifier.Samples;
import dev.revive.verifier.check.VerificationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {

    private static final Instant VERIFIED = Instant.parse("2025-03-14T09:27:34.438Z");

    @Test
    void timelineRunsFromDetectionToVerification() {
        RecoveryPlan plan = Samples.plan("etcd-3", "inc-1");

        RecoveryReport report = new ReportBuilder(IdSource.sequential()).build(plan,
                Samples.outcome(plan, Outcome.PLAN_COMPLETED, "done"),
                new VerificationResult(Verdict.CONSISTENT, List.of(), 1), VERIFIED);

        assertThat(report.timeline()).isEqualTo(
                new Timeline(Samples.DETECTED, Samples.PLANNED, Samples.STARTED, Samples.FINISHED, VERIFIED));
    }

    @Test
    void mttrIsFromDetectionToVerification() {
        RecoveryPlan plan = Samples.plan("etcd-3", "inc-1");

        RecoveryReport report = new ReportBuilder(IdSource.sequential()).build(plan,
                Samples.outcome(plan, Outcome.PLAN_COMPLETED, "done"),
                new VerificationResult(Verdict.CONSISTENT, List.of(), 1), VERIFIED);

        assertThat(report.mttr()).isEqualTo(Duration.parse("PT41.318S"));
    }

    @Test
    void reportNamesThePlanAndTakesItsIdFromTheIdSource() {
        RecoveryPlan plan = Samples.plan("etcd-3", "inc-1");

        RecoveryReport report = new ReportBuilder(IdSource.sequential()).build(plan,
                Samples.outcome(plan, Outcome.PLAN_COMPLETED, "done"),
                new VerificationResult(Verdict.DEGRADED, List.of(), 3), VERIFIED);

        assertThat(report.reportId()).isEqualTo("rpt-1");
        assertThat(report.planId()).isEqualTo("inc-1-r1");
        assertThat(report.incidentId()).isEqualTo("inc-1");
        assertThat(report.clusterId()).isEqualTo("etcd-3");
        assertThat(report.verdict()).isEqualTo(Verdict.DEGRADED);
    }
}
