package dev.revive.e2e;

import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A member that cannot come back, as the event log shows Revive dealing with it: the first executable plan for it
 * (the restart, which fails), the next one (the replacement: learner, promote) and the replacement's report.
 *
 * @param restart     the first executable plan for the member since the fault
 * @param replacement the next executable plan for it
 * @param report      the replacement's report
 */
record MemberReplacement(RecoveryPlan restart, RecoveryPlan replacement, RecoveryReport report) {

    /**
     * Waits for a restart, then a replacement of {@code nodeId} planned at or after {@code since}, and the
     * replacement's report, each within {@code timeout}.
     *
     * @throws IllegalStateException when one of them does not come in time
     */
    static MemberReplacement await(Recoveries recoveries, String nodeId, Instant since, Duration timeout)
            throws InterruptedException {
        List<RecoveryPlan> plans = Polling.await("restart, then replacement of " + nodeId, timeout, () -> {
            List<RecoveryPlan> executable = recoveries.plansFor(nodeId, since).stream()
                    .filter(plan -> plan.mode().executable()).toList();
            return executable.size() >= 2 ? Optional.of(executable) : Optional.empty();
        });
        RecoveryPlan replacement = plans.get(1);
        RecoveryReport report = Polling.await("report of " + replacement.planId(), timeout,
                () -> recoveries.reportsOf(List.of(replacement)).stream().findFirst());
        return new MemberReplacement(plans.get(0), replacement, report);
    }
}
