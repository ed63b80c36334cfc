package dev.revive.contracts.report;

import dev.revive.contracts.plan.Diagnosis;
import dev.revive.contracts.validation.Check;
import java.time.Duration;
import java.util.List;

/**
 * The verifier's account of one executed plan, on topic {@code revive.reports}.
 *
 * @param reportId   unique id of the report
 * @param incidentId the incident
 * @param planId     the plan that was executed
 * @param clusterId  the cluster
 * @param verdict    the conclusion
 * @param checks     every check with its evidence
 * @param timeline   detected → planned → executed → verified
 * @param mttr       time from detection to verification
 * @param diagnosis  the plan's diagnosis, or null
 */
public record RecoveryReport(
        String reportId,
        String incidentId,
        String planId,
        String clusterId,
        Verdict verdict,
        List<CheckResult> checks,
        Timeline timeline,
        Duration mttr,
        Diagnosis diagnosis) {

    public RecoveryReport {
        Check.id("reportId", reportId);
        Check.id("incidentId", incidentId);
        Check.id("planId", planId);
        Check.id("clusterId", clusterId);
        Check.required("verdict", verdict);
        checks = Check.list("checks", checks);
        Check.required("timeline", timeline);
        Check.required("mttr", mttr);
    }

    /** A report without a diagnosis. */
    public RecoveryReport(String reportId, String incidentId, String planId, String clusterId, Verdict verdict,
            List<CheckResult> checks, Timeline timeline, Duration mttr) {
        this(reportId, incidentId, planId, clusterId, verdict, checks, timeline, mttr, null);
    }
}
