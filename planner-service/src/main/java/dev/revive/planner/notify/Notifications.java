package dev.revive.planner.notify;

import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.RecoveryReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What the records of {@code revive.plans} and {@code revive.reports} tell a human, as notifications. Pure: the same
 * record always gives the same notifications with the same ids.
 *
 * <ul>
 * <li>{@link NotificationType#OPENED}: a plan of revision 1 that is not a CANCEL.</li>
 * <li>{@link NotificationType#APPROVAL_NEEDED}: a plan in mode APPROVAL_REQUIRED (with its reason).</li>
 * <li>{@link NotificationType#ESCALATED}: the NOTICE revision that escalates ({@link RecoveryPlan#escalation()}),
 * which is how the planner publishes an escalation (no runbook, a cluster-wide fault of a cluster that may be down, an
 * approval request rejected or expired, ...) at any revision. An aborted plan escalates without one: its report's
 * {@link NotificationType#CLOSED} tells it.</li>
 * <li>{@link NotificationType#CLOSED}: a report (verdict, MTTR, the checks that failed or could not run).</li>
 * </ul>
 * A plan may give two: the first revision of an incident that waits for approval opens it and asks for approval.
 */
public final class Notifications {

    private Notifications() {
    }

    /** The notifications of {@code plan}, in the order above; none for e.g. an AUTO revision 2 or a CANCEL. */
    public static List<Notification> of(RecoveryPlan plan) {
        List<Notification> notifications = new ArrayList<>();
        if (plan.revision() == 1 && plan.mode() != PlanMode.CANCEL) {
            notifications.add(ofPlan(NotificationType.OPENED, plan, "Incident " + plan.incidentId() + " on "
                    + plan.clusterId() + " opened: " + describe(plan)));
        }
        if (plan.mode() == PlanMode.APPROVAL_REQUIRED) {
            notifications.add(ofPlan(NotificationType.APPROVAL_NEEDED, plan, "Incident " + plan.incidentId() + " on "
                    + plan.clusterId() + " needs approval of plan " + plan.planId() + ": " + plan.modeReason()));
        }
        plan.escalationReason().ifPresent(why -> notifications.add(ofPlan(NotificationType.ESCALATED, plan,
                "Incident " + plan.incidentId() + " on " + plan.clusterId() + " escalated to a human: " + why)));
        return notifications;
    }

    /** The notification of {@code report}. */
    public static Notification of(RecoveryReport report) {
        List<String> failed = report.checks().stream()
                .filter(check -> check.status() == CheckStatus.FAIL || check.status() == CheckStatus.ERROR)
                .map(CheckResult::name).toList();
        long mttrSeconds = report.mttr().toSeconds();
        String summary = "Incident " + report.incidentId() + " on " + report.clusterId() + " verified "
                + report.verdict() + " after plan " + report.planId() + ", MTTR " + mttrSeconds + " s"
                + (failed.isEmpty() ? "" : "; failed checks: " + String.join(", ", failed));
        return new Notification(id(report.incidentId(), NotificationType.CLOSED, report.reportId()),
                NotificationType.CLOSED, report.timeline().verifiedAt(), report.incidentId(), report.clusterId(),
                report.planId(), null, null, null, null, report.reportId(), report.verdict(), mttrSeconds, failed,
                summary);
    }

    /** The stable id of a notification: {@code <incidentId>/<type>/<planId or reportId>}. */
    static String id(String incidentId, NotificationType type, String eventId) {
        return incidentId + "/" + type.wireName() + "/" + eventId;
    }

    private static Notification ofPlan(NotificationType type, RecoveryPlan plan, String summary) {
        return new Notification(id(plan.incidentId(), type, plan.planId()), type, plan.createdAt(),
                plan.incidentId(), plan.clusterId(), plan.planId(), plan.revision(), plan.mode(), plan.modeReason(),
                plan.reason(), null, null, null, null, summary);
    }

    private static String describe(RecoveryPlan plan) {
        String what = plan.mode() + " plan " + plan.planId() + " (" + plan.scope() + ", " + plan.steps().size()
                + (plan.steps().size() == 1 ? " step" : " steps") + ")"
                + (plan.reason().isEmpty() ? "" : " for faults " + String.join(", ", plan.reason()));
        return plan.modeReason() == null || plan.mode() == PlanMode.APPROVAL_REQUIRED ? what
                : what + "; " + plan.modeReason();
    }
}
