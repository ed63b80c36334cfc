package dev.revive.verifier.report;

import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Timeline;
import dev.revive.contracts.time.IdSource;
import dev.revive.verifier.check.VerificationResult;
import java.time.Instant;

/** Assembles the report of one plan: its verdict and checks, the timeline and the time to recovery. */
public final class ReportBuilder {

    /** Prefix of report ids. */
    public static final String ID_PREFIX = "rpt";

    private final IdSource ids;

    public ReportBuilder(IdSource ids) {
        this.ids = ids;
    }

    /**
     * The report, with the plan's diagnosis; the timeline runs detected → planned → execution started → finished
     * → verified.
     */
    public RecoveryReport build(RecoveryPlan plan, PlanOutcome outcome, VerificationResult result, Instant verifiedAt) {
        Timeline timeline = new Timeline(plan.detectedAt(), plan.createdAt(), outcome.startedAt(), outcome.at(),
                verifiedAt);
        return new RecoveryReport(ids.next(ID_PREFIX), plan.incidentId(), plan.planId(), plan.clusterId(),
                result.verdict(), result.checks(), timeline, timeline.timeToRecovery(), plan.diagnosis());
    }
}
