package dev.revive.planner;

import static dev.revive.planner.domain.Fixtures.CLUSTER;
import static dev.revive.planner.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.TriageResponse;
import dev.revive.contracts.cluster.TriageRule;
import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.Fixtures;
import dev.revive.planner.domain.IncidentState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Triage, confirm windows, approval, rejection, expiry and cancellation through the real topology. */
class ApprovalFlowTest {

    @RegisterExtension
    final TopologyHarness planner = new TopologyHarness();

    @BeforeEach
    void registerTheCluster() {
        publish(Topics.CLUSTERS, Fixtures.etcd());
    }

    @Test
    void recoveredWithinTheConfirmWindowCancelsWithoutAPlan() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.UNREACHABLE, Severity.CRITICAL, Map.of()));
        assertThat(state().incident().state()).isEqualTo(IncidentState.CONFIRMING);

        publish(Topics.FAULTS, Fixtures.recovered("r-1", "n1"));

        assertThat(state().incident().state()).isEqualTo(IncidentState.CANCELLED);
        assertThat(planner.plans().isEmpty()).isTrue();
    }

    @Test
    void confirmWindowThatPassesGivesTheRestartPlan() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.UNREACHABLE, Severity.CRITICAL, Map.of()));

        planner.advance(Policy.DEFAULT_CONFIRM_WINDOW);

        RecoveryPlan plan = planner.plans().readValue();
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.steps()).filteredOn(step -> step.params().confirmUnresponsive())
                .extracting(step -> step.action()).containsExactly(Action.STOP, Action.FORCE_KILL);
        assertThat(state().incident().state()).isEqualTo(IncidentState.PLANNED);
    }

    @Test
    void diskFullGivesAnApprovalPlanAndApprovalGivesAnAutoRevision() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL,
                Map.of("line", "No space left on device")));
        RecoveryPlan approval = planner.plans().readValue();

        publish(Topics.DECISIONS, decision("d-1", approval.planId(), DecisionVerdict.APPROVE, false));

        assertThat(approval.mode()).isEqualTo(PlanMode.APPROVAL_REQUIRED);
        assertThat(approval.modeReason()).contains("DISK_FULL", "No space left on device");
        assertThat(approval.diagnosis().findings()).singleElement().asString().contains("No space left on device");
        RecoveryPlan approved = planner.plans().readValue();
        assertThat(approved.planId()).isEqualTo("inc-1-r2");
        assertThat(approved.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(approved.modeReason()).contains("approved by alice");
        assertThat(approved.steps()).hasSize(7);
        assertThat(state().incident().state()).isEqualTo(IncidentState.PLANNED);
    }

    @Test
    void approvalWithDryRunGivesADryRunRevision() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));

        publish(Topics.DECISIONS, decision("d-1", planner.plans().readValue().planId(), DecisionVerdict.APPROVE, true));

        assertThat(planner.plans().readValue().mode()).isEqualTo(PlanMode.DRY_RUN);
    }

    @Test
    void approvalIsRefusedWhenTheGuardsObjectNow() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));
        String planId = planner.plans().readValue().planId();
        publish(Topics.FAULTS, Fixtures.fault("f-2", "n2"));

        publish(Topics.DECISIONS, decision("d-1", planId, DecisionVerdict.APPROVE, false));

        assertThat(planner.plans().isEmpty()).isTrue();
        assertThat(state().incident().state()).isEqualTo(IncidentState.AWAITING_APPROVAL);
        assertThat(state().incident().note()).contains("refused", "quorum");
    }

    @Test
    void rejectionEscalatesWithANoticeAndTheNextFaultIsPlannedAgain() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));

        publish(Topics.DECISIONS, decision("d-1", planner.plans().readValue().planId(), DecisionVerdict.REJECT, false));
        assertThat(state().incident().state()).isEqualTo(IncidentState.ESCALATED);
        RecoveryPlan notice = planner.plans().readValue();
        assertThat(notice.planId()).isEqualTo("inc-1-r2");
        assertThat(notice.mode()).isEqualTo(PlanMode.NOTICE);
        assertThat(notice.modeReason()).startsWith("escalated: plan inc-1-r1 rejected by alice");
        publish(Topics.FAULTS, Fixtures.fault("f-2", "n1"));

        assertThat(planner.plans().readValue().planId()).isEqualTo("inc-2-r1");
    }

    @Test
    void unansweredApprovalExpiresToEscalated() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));

        RecoveryPlan approval = planner.plans().readValue();
        planner.advance(Duration.ofMinutes(30));

        assertThat(state().incident().state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(state().incident().note()).contains("expired");
        RecoveryPlan notice = planner.plans().readValue();
        assertThat(notice.incidentId()).isEqualTo(approval.incidentId());
        assertThat(notice.mode()).isEqualTo(PlanMode.NOTICE);
        assertThat(notice.modeReason()).startsWith("escalated: approval request of plan " + approval.planId())
                .contains("expired");
    }

    @Test
    void recoveredBeforeThePlanActsPublishesACancelRevision() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1"));
        publish(Topics.EXECUTIONS, Fixtures.step("inc-1", "inc-1-r1", "01-snapshot", Action.SNAPSHOT));

        publish(Topics.FAULTS, Fixtures.recovered("r-1", "n1"));

        assertThat(planner.plans().readValuesToList()).extracting(RecoveryPlan::planId, RecoveryPlan::mode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("inc-1-r1", PlanMode.AUTO),
                        org.assertj.core.groups.Tuple.tuple("inc-1-r2", PlanMode.CANCEL));
        assertThat(state().incident().state()).isEqualTo(IncidentState.CANCELLED);
    }

    @Test
    void illegalMovesAndUnknownPlansAreDeadLettered() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));

        publish(Topics.EXECUTIONS, Fixtures.step("inc-1", "inc-1-r1", "02-stop", Action.STOP));
        publish(Topics.DECISIONS, decision("d-1", "inc-9-r1", DecisionVerdict.APPROVE, false));

        List<TestRecord<byte[], byte[]>> letters = planner.deadLetters().readRecordsToList();
        assertThat(letters).extracting(letter -> DeadLetters.reason(letter.headers()))
                .containsExactly("ILLEGAL_TRANSITION", "UNKNOWN_PLAN");
        assertThat(state().incident().state()).isEqualTo(IncidentState.AWAITING_APPROVAL);
    }

    @Test
    void warningIsANoticeAndClosesTheIncident() {
        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.UNHEALTHY, Severity.WARNING, Map.of()));

        RecoveryPlan notice = planner.plans().readValue();
        assertThat(notice.mode()).isEqualTo(PlanMode.NOTICE);
        assertThat(notice.steps()).isEmpty();
        assertThat(state().incident().state()).isEqualTo(IncidentState.CLOSED);
        assertThat(state().openFaults()).isEmpty();
    }

    @Test
    void specOverrideRowWins() {
        Policy restartDiskFull = new Policy(PlanMode.AUTO, 1, null, null,
                List.of(new TriageRule(FaultKind.DISK_FULL, null, TriageResponse.RESTART)), null);
        publish(Topics.CLUSTERS, Fixtures.etcd(restartDiskFull));

        publish(Topics.FAULTS, Fixtures.fault("f-1", "n1", FaultKind.DISK_FULL, Severity.CRITICAL, Map.of()));

        assertThat(planner.plans().readValue().mode()).isEqualTo(PlanMode.AUTO);
    }

    private static OperatorDecision decision(String id, String planId, DecisionVerdict verdict, boolean dryRun) {
        return new OperatorDecision(id, CLUSTER, planId, verdict, dryRun, "alice", "checked by hand", T0);
    }

    private ClusterState state() {
        return planner.incidentState();
    }

    private <V> void publish(Topic<String, V> topic, V value) {
        planner.publish(topic, CLUSTER, value);
    }
}
