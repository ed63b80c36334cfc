package dev.revive.planner.notify;

import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Timeline;
import dev.revive.contracts.report.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Plans and reports as the planner and the verifier publish them, for the notifier's tests. */
final class NotifierFixtures {

    static final String CLUSTER = "etcd-a";
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private NotifierFixtures() {
    }

    /** Revision {@code revision} of incident {@code incidentId} in {@code mode}, without steps. */
    static RecoveryPlan plan(String incidentId, int revision, PlanMode mode, String modeReason) {
        return new RecoveryPlan(incidentId + "-r" + revision, incidentId, CLUSTER, revision, PlanScope.NODE, mode,
                modeReason, List.of("f-" + incidentId), List.of(), T0, T0.plusSeconds(revision));
    }

    /** A report of {@code incidentId}'s first plan, verified 95 s after detection, with one check of each status. */
    static RecoveryReport report(String incidentId, Verdict verdict) {
        Timeline timeline = new Timeline(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(60),
                T0.plusSeconds(95));
        List<CheckResult> checks = List.of(check("members-answer", CheckStatus.PASS),
                check("hash-kv-equal", CheckStatus.FAIL), check("no-alarms", CheckStatus.ERROR),
                check("snapshot", CheckStatus.SKIPPED));
        return new RecoveryReport("rep-" + incidentId, incidentId, incidentId + "-r1", CLUSTER, verdict, checks,
                timeline, Duration.ofSeconds(95));
    }

    private static CheckResult check(String name, CheckStatus status) {
        return new CheckResult(name, status, "seen", "expected", Map.of());
    }
}
