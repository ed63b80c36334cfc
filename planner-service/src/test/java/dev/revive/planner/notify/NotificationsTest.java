package dev.revive.planner.notify;

import static dev.revive.planner.notify.NotifierFixtures.T0;
import static dev.revive.planner.notify.NotifierFixtures.plan;
import static dev.revive.planner.notify.NotifierFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.time.IdSource;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.Fixtures;
import dev.revive.planner.domain.IncidentPlanner;
import dev.revive.planner.domain.Result;
import dev.revive.testkit.MutableClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationsTest {

    @Test
    void theFirstRevisionOpensTheIncidentWithAStableId() {
        RecoveryPlan first = plan("inc-1", 1, PlanMode.AUTO, null);

        List<Notification> notifications = Notifications.of(first);

        assertThat(notifications).singleElement().satisfies(opened -> {
            assertThat(opened.id()).isEqualTo("inc-1/incident.opened/inc-1-r1");
            assertThat(opened.type()).isEqualTo(NotificationType.OPENED);
            assertThat(opened.at()).isEqualTo(first.createdAt());
            assertThat(opened.incidentId()).isEqualTo("inc-1");
            assertThat(opened.clusterId()).isEqualTo(NotifierFixtures.CLUSTER);
            assertThat(opened.planId()).isEqualTo("inc-1-r1");
            assertThat(opened.revision()).isEqualTo(1);
            assertThat(opened.mode()).isEqualTo(PlanMode.AUTO);
            assertThat(opened.faultIds()).containsExactly("f-inc-1");
            assertThat(opened.verdict()).isNull();
            assertThat(opened.summary()).contains("inc-1", "opened", "AUTO", "f-inc-1");
        });
        assertThat(Notifications.of(first)).isEqualTo(notifications);
    }

    @Test
    void aPlanWaitingForApprovalAsksForItWithItsReasonAndOpensTheIncidentWhenFirst() {
        List<Notification> first = Notifications.of(plan("inc-1", 1, PlanMode.APPROVAL_REQUIRED, "budget spent"));
        List<Notification> later = Notifications.of(plan("inc-1", 3, PlanMode.APPROVAL_REQUIRED, "rollback"));

        assertThat(first).extracting(Notification::type)
                .containsExactly(NotificationType.OPENED, NotificationType.APPROVAL_NEEDED);
        assertThat(first.get(1).id()).isEqualTo("inc-1/incident.approval_needed/inc-1-r1");
        assertThat(first.get(1).modeReason()).isEqualTo("budget spent");
        assertThat(first.get(1).summary()).contains("needs approval", "inc-1-r1", "budget spent");
        assertThat(later).extracting(Notification::type).containsExactly(NotificationType.APPROVAL_NEEDED);
    }

    @Test
    void laterRevisionsCancelsAndPlainNoticesTellNothingNew() {
        assertThat(Notifications.of(plan("inc-1", 2, PlanMode.AUTO, "approved by alice"))).isEmpty();
        assertThat(Notifications.of(plan("inc-1", 2, PlanMode.CANCEL, "recovered"))).isEmpty();
        assertThat(Notifications.of(plan("inc-1", 2, PlanMode.NOTICE, "disk usage is high"))).isEmpty();
        assertThat(Notifications.of(plan("inc-1", 1, PlanMode.NOTICE, "disk usage is high")))
                .extracting(Notification::type).containsExactly(NotificationType.OPENED);
    }

    @Test
    void thePlannersOwnEscalationIsRecognised() {
        // given: the planner answering a cluster-wide fault of a kind without a full restart
        IncidentPlanner planner = IncidentPlanner.standard(new MutableClock(T0), IdSource.sequential());
        ClusterSpec etcd = Fixtures.etcd();
        ClusterSpec generic = new ClusterSpec(etcd.id(), SystemKind.GENERIC, etcd.nodes(), etcd.policy(),
                etcd.backup());
        RecoveryPlan notice = planner.onFault(ClusterState.empty(etcd.id()), generic, Fixtures.fault("f-1", null))
                .plan().orElseThrow();

        // when
        List<Notification> notifications = Notifications.of(notice);

        // then: it opened and escalated, the summary gives the reason without the prefix
        assertThat(notifications).extracting(Notification::type)
                .containsExactly(NotificationType.OPENED, NotificationType.ESCALATED);
        Notification escalated = notifications.get(1);
        assertThat(escalated.id()).isEqualTo(notice.incidentId() + "/incident.escalated/" + notice.planId());
        assertThat(escalated.summary()).contains("escalated to a human: ")
                .doesNotContain(RecoveryPlan.ESCALATION_PREFIX);
    }

    @Test
    void aRejectedApprovalRequestEscalatesWithANotice() {
        IncidentPlanner planner = IncidentPlanner.standard(new MutableClock(T0), IdSource.sequential());
        ClusterSpec etcd = Fixtures.etcd();
        Result asked = planner.onFault(ClusterState.empty(etcd.id()), etcd,
                Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));
        RecoveryPlan approval = asked.plan().orElseThrow();

        Result rejected = planner.onDecision(asked.state(), etcd, new OperatorDecision("d-1", etcd.id(),
                approval.planId(), DecisionVerdict.REJECT, false, "alice", "not during the sale", T0));

        assertThat(Notifications.of(approval)).extracting(Notification::type)
                .containsExactly(NotificationType.OPENED, NotificationType.APPROVAL_NEEDED);
        assertThat(Notifications.of(rejected.plan().orElseThrow())).singleElement().satisfies(escalated -> {
            assertThat(escalated.type()).isEqualTo(NotificationType.ESCALATED);
            assertThat(escalated.summary()).contains("rejected by alice");
        });
    }

    @Test
    void aReportClosesWithVerdictMttrAndTheChecksThatFailedOrCouldNotRun() {
        Notification closed = Notifications.of(report("inc-1", Verdict.INCONSISTENT));

        assertThat(closed.id()).isEqualTo("inc-1/incident.closed/rep-inc-1");
        assertThat(closed.type()).isEqualTo(NotificationType.CLOSED);
        assertThat(closed.at()).isEqualTo(T0.plusSeconds(95));
        assertThat(closed.planId()).isEqualTo("inc-1-r1");
        assertThat(closed.reportId()).isEqualTo("rep-inc-1");
        assertThat(closed.verdict()).isEqualTo(Verdict.INCONSISTENT);
        assertThat(closed.mttrSeconds()).isEqualTo(95L);
        assertThat(closed.failedChecks()).containsExactly("hash-kv-equal", "no-alarms");
        assertThat(closed.summary()).contains("INCONSISTENT", "95 s", "hash-kv-equal, no-alarms");
    }
}
