package dev.revive.verifier.report;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.runbooks.UnsupportedKindException;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.verifier.check.Verification;
import dev.revive.verifier.check.VerificationResult;
import dev.revive.verifier.report.VerifierException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Verifies the cluster after a plan's outcome and writes the report: for a completed or cancelled
 * plan the full checks of the cluster's kind with settling, for an aborted one a FAILED report that
 * says why, with a quick look at the nodes. A kind without checks gets a FAILED report whose
 * {@code supported-kind} check says so.
 */
public final class OutcomeVerifier {

    /** The name of the check that records how the plan ended. */
    public static final String PLAN_COMPLETED = "plan-completed";
    /** The name of the check that records that no checks exist for the cluster's kind. */
    public static final String SUPPORTED_KIND = "supported-kind";

    private final References references;
    private final Verification verification;
    private final ReportBuilder reports;
    private final Clock clock;
    private final Duration referenceWait;

    /** @param referenceWait how long to wait for the plan, and then for the spec, of an outcome */
    public OutcomeVerifier(References references, Verification verification, ReportBuilder reports, Clock clock,
            Duration referenceWait) {
        this.references = references;
        this.verification = verification;
        this.reports = reports;
        this.clock = clock;
        this.referenceWait = referenceWait;
    }

    /**
     * The report of the outcome's plan.
     *
     * @throws VerifierException when the plan or the spec is unknown, or the plan does not match
     */
    public RecoveryReport verify(PlanOutcome outcome) {
        RecoveryPlan plan = plan(outcome);
        ClusterSpec spec = references.awaitCluster(outcome.clusterId(), referenceWait)
                .orElseThrow(() -> new VerifierException(Reason.UNKNOWN_CLUSTER, "clusterId",
                        "no spec of cluster '" + outcome.clusterId() + "' arrived within " + referenceWait));
        VerificationResult result = verify(plan, outcome, spec);
        return reports.build(plan, outcome, result, clock.instant());
    }

    private RecoveryPlan plan(PlanOutcome outcome) {
        RecoveryPlan plan = references.awaitPlan(outcome.planId(), referenceWait)
                .orElseThrow(() -> new VerifierException(Reason.UNKNOWN_PLAN, "planId",
                        "plan '" + outcome.planId() + "' did not arrive within " + referenceWait));
        if (!plan.clusterId().equals(outcome.clusterId()) || !plan.incidentId().equals(outcome.incidentId())) {
            throw new VerifierException(Reason.MISMATCHED_PLAN, "clusterId", "plan '" + plan.planId()
                    + "' is of cluster '" + plan.clusterId() + "', incident '" + plan.incidentId() + "'");
        }
        return plan;
    }

    private VerificationResult verify(RecoveryPlan plan, PlanOutcome outcome, ClusterSpec spec) {
        CheckResult ending = ending(outcome);
        Instant restartedAt = references.restartedAt(outcome.planId()).orElse(null);
        try {
            if (outcome.outcome() == Outcome.PLAN_ABORTED) {
                List<CheckFinding> look = verification.quickLook(spec, plan.planId(), plan.detectedAt(), restartedAt);
                return new VerificationResult(Verdict.FAILED,
                        prepend(ending, look.stream().map(CheckFinding::result).toList()), 1);
            }
            VerificationResult checked = verification.verify(spec, plan.planId(), plan.detectedAt(), restartedAt);
            return new VerificationResult(checked.verdict(), prepend(ending, checked.checks()), checked.rounds());
        } catch (UnsupportedKindException e) {
            CheckResult unsupported = new CheckResult(SUPPORTED_KIND, CheckStatus.ERROR, e.getMessage(),
                    "a kind with checks", Map.of("kind", spec.kind().name(), "side", e.side().name()));
            return new VerificationResult(Verdict.FAILED, List.of(ending, unsupported), 0);
        }
    }

    /** How the plan ended; a plan cancelled because its fault no longer held ends as it should. */
    private static CheckResult ending(PlanOutcome outcome) {
        boolean cancelled = outcome.outcome() == Outcome.PLAN_CANCELLED;
        boolean fine = outcome.outcome() == Outcome.PLAN_COMPLETED || cancelled;
        String observed = outcome.outcome() + (outcome.detail() == null ? "" : ": " + outcome.detail());
        return new CheckResult(PLAN_COMPLETED, fine ? CheckStatus.PASS : CheckStatus.FAIL,
                observed.length() > 1_000 ? observed.substring(0, 1_000) : observed,
                cancelled ? Outcome.PLAN_COMPLETED.name() + " or " + Outcome.PLAN_CANCELLED.name()
                        : Outcome.PLAN_COMPLETED.name(),
                Map.of("executorId", outcome.executorId(), "fencingToken", Long.toString(outcome.fencingToken())));
    }

    private static List<CheckResult> prepend(CheckResult first, List<CheckResult> rest) {
        List<CheckResult> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
