package dev.revive.planner.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.report.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * One notification, as the generic JSON format sends it (fields that do not apply to its type are left out). Derived
 * from one record of {@code revive.plans} or {@code revive.reports} by {@link Notifications}, so the same record
 * always gives the same notification: a receiver deduplicates on {@link #id()}.
 *
 * @param id           {@code <incidentId>/<type>/<planId or reportId>}, stable across redeliveries
 * @param type         what it tells
 * @param at           when it happened: the plan's creation, or the report's verification
 * @param incidentId   the incident
 * @param clusterId    the cluster
 * @param planId       the plan (the reported plan for {@link NotificationType#CLOSED})
 * @param revision     the plan's revision, for plan notifications
 * @param mode         the plan's mode, for plan notifications
 * @param modeReason   why the plan has its mode (the reason to approve, the escalation), or null
 * @param faultIds     the faults that led to the plan, for plan notifications
 * @param reportId     the report, for {@link NotificationType#CLOSED}
 * @param verdict      the report's verdict, for {@link NotificationType#CLOSED}
 * @param mttrSeconds  detection to verification in whole seconds, for {@link NotificationType#CLOSED}
 * @param failedChecks the names of the checks that failed or could not run, for {@link NotificationType#CLOSED}
 * @param summary      one line for humans
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(
        String id,
        NotificationType type,
        Instant at,
        String incidentId,
        String clusterId,
        String planId,
        Integer revision,
        PlanMode mode,
        String modeReason,
        List<String> faultIds,
        String reportId,
        Verdict verdict,
        Long mttrSeconds,
        List<String> failedChecks,
        String summary) {
}
