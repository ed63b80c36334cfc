package dev.revive.planner.domain;

import static dev.revive.planner.domain.Fixtures.CLUSTER;
import static dev.revive.planner.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Timeline;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.time.IdSource;
import dev.revive.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rolling a cluster back to a snapshot: proposed after an INCONSISTENT report, or asked for by an operator. */
class RollbackTest {

    private final MutableClock clock = new MutableClock(T0.plusSeconds(5));
    private final IncidentPlanner planner = IncidentPlanner.standard(clock, IdSource.sequential());
    private final ClusterSpec etcd = Fixtures.etcd();
    private ClusterState state = ClusterState.empty(CLUSTER);

    @Test
    void inconsistentReportProposesARollbackOfEveryMemberThatWaitsForApproval() {
        String incident = restartThatEndsInconsistent(etcd);

        RecoveryPlan proposal = lastPlan;

        assertThat(proposal.revision()).isEqualTo(2);
        assertThat(proposal.mode()).isEqualTo(PlanMode.APPROVAL_REQUIRED);
        assertThat(proposal.scope()).isEqualTo(PlanScope.CLUSTER);
        assertThat(proposal.modeReason()).contains("INCONSISTENT", "keys-match", "roll every member back", "human");
        assertThat(proposal.steps()).filteredOn(step -> step.action() == Action.RESTORE_SNAPSHOT)
                .extracting(PlanStep::nodeId).containsExactly("n1", "n2", "n3");
        assertThat(proposal.steps()).filteredOn(step -> step.action() == Action.STOP)
                .allSatisfy(step -> assertThat(step.params().wholeCluster()).isTrue()).hasSize(3);
        int lastStop = lastIndexOf(proposal, Action.FORCE_KILL);
        int firstRestore = firstIndexOf(proposal, Action.RESTORE_SNAPSHOT);
        int firstStart = firstIndexOf(proposal, Action.START);
        assertThat(lastStop).as("every member down before any restore").isLessThan(firstRestore);
        assertThat(lastIndexOf(proposal, Action.RESTORE_SNAPSHOT)).as("every member restored before any start")
                .isLessThan(firstStart);
        assertThat(state.incident().incidentId()).isEqualTo(incident);
        assertThat(state.incident().state()).isEqualTo(IncidentState.AWAITING_APPROVAL);
        assertThat(state.incident().rollingBack()).isTrue();
    }

    @Test
    void approvalRunsTheRollbackAndASecondInconsistentReportEscalates() {
        String incident = restartThatEndsInconsistent(etcd);
        String proposal = state.incident().planId();

        Result approved = apply(planner.onDecision(state, etcd, new OperatorDecision("dec-1", CLUSTER, proposal,
                DecisionVerdict.APPROVE, false, "sre", "the data is wrong", T0.plusSeconds(100))));
        RecoveryPlan rollback = approved.plan().orElseThrow();
        Result again = apply(planner.onReport(state, etcd, inconsistent(incident, rollback.planId())));

        assertThat(rollback.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(rollback.steps()).extracting(PlanStep::action).contains(Action.RESTORE_SNAPSHOT);
        assertThat(again.decision()).isInstanceOf(Decision.Escalate.class);
        assertThat(state.incident().state()).isEqualTo(IncidentState.ESCALATED);
    }

    @Test
    void operatorsRollbackToANamedSnapshotOpensAnIncidentThatRunsAtOnce() {
        Result result = apply(planner.onDecision(state, etcd, rollback("dec-1", "inc-9-r1-cluster.db")));

        RecoveryPlan plan = result.plan().orElseThrow();
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.reason()).containsExactly("dec-1");
        assertThat(plan.modeReason()).contains("inc-9-r1-cluster.db", "asked for by sre");
        assertThat(plan.steps()).filteredOn(step -> step.action() == Action.RESTORE_SNAPSHOT)
                .allSatisfy(step -> assertThat(step.params().snapshot()).isEqualTo("inc-9-r1-cluster.db"))
                .hasSize(3);
        assertThat(state.incident().state()).isEqualTo(IncidentState.PLANNED);
        assertThat(result.transitions()).extracting(Transition::to)
                .containsExactly(IncidentState.OPEN, IncidentState.PLANNED);
    }

    @Test
    void operatorsRollbackWhileAnIncidentIsUnderWayIsRefusedWithTheReason() {
        apply(planner.onFault(state, etcd, Fixtures.fault("f-1", "n1")));

        assertThatThrownBy(() -> planner.onDecision(state, etcd, rollback("dec-1", null)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("cannot be rolled back now");
    }

    @Test
    void aKindThatCannotRollBackEscalatesItsInconsistentReport() {
        ClusterSpec generic = new ClusterSpec(CLUSTER, SystemKind.GENERIC, etcd.nodes(), etcd.policy(), etcd.backup());
        restartThatEndsInconsistent(generic);

        assertThat(state.incident().state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(state.incident().rollingBack()).isFalse();
    }

    private RecoveryPlan lastPlan;

    /** n1 down, restarted, its report INCONSISTENT: returns the incident id. */
    private String restartThatEndsInconsistent(ClusterSpec spec) {
        apply(planner.onFault(state, spec, Fixtures.fault("f-1", "n1")));
        String incident = state.incident().incidentId();
        apply(planner.onExecution(state, spec, Fixtures.outcome(incident, dev.revive.contracts.execution.Outcome
                .PLAN_COMPLETED)));
        Result result = apply(planner.onReport(state, spec, inconsistent(incident, incident + "-r1")));
        lastPlan = result.plan().orElse(null);
        return incident;
    }

    private static RecoveryReport inconsistent(String incident, String planId) {
        Timeline timeline = new Timeline(T0, T0, T0, T0, T0.plusSeconds(90));
        return new RecoveryReport("rep-" + planId, incident, planId, CLUSTER, Verdict.INCONSISTENT,
                List.of(new CheckResult("keys-match", CheckStatus.FAIL, "3 keys differ", "every key equal",
                        Map.of())), timeline, Duration.ofSeconds(90));
    }

    private static OperatorDecision rollback(String id, String snapshot) {
        return OperatorDecision.rollback(id, CLUSTER, snapshot, false, "sre", "bad keys written", T0.plusSeconds(10));
    }

    private static int firstIndexOf(RecoveryPlan plan, Action action) {
        return plan.steps().stream().map(PlanStep::action).toList().indexOf(action);
    }

    private static int lastIndexOf(RecoveryPlan plan, Action action) {
        return plan.steps().stream().map(PlanStep::action).toList().lastIndexOf(action);
    }

    private Result apply(Result result) {
        state = result.state();
        return result;
    }
}
