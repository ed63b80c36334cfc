package dev.revive.planner.domain;

import static dev.revive.planner.domain.Fixtures.CLUSTER;
import static dev.revive.planner.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.time.IdSource;
import dev.revive.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** A node whose restart could not bring it back: replaced once where the kind can, else escalated. */
class ReplacementTest {

    private final MutableClock clock = new MutableClock(T0.plusSeconds(5));
    private final IncidentPlanner planner = IncidentPlanner.standard(clock, IdSource.sequential());
    private ClusterState state = ClusterState.empty(CLUSTER);

    @Test
    void memberWhoseStartFailedIsReplacedByTheNextRevision() {
        ClusterSpec etcd = Fixtures.etcd();
        String incident = restartThatFailsToStart(etcd);

        Result replaced = apply(planner.onExecution(state, etcd, Fixtures.outcome(incident, Outcome.PLAN_ABORTED)));

        RecoveryPlan plan = replaced.plan().orElseThrow();
        assertThat(plan.revision()).isEqualTo(2);
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.steps()).extracting(PlanStep::action)
                .containsExactly(Action.STOP, Action.REPLACE_MEMBER, Action.AWAIT_HEALTHY, Action.AWAIT_CAUGHT_UP);
        assertThat(plan.steps()).extracting(PlanStep::nodeId).containsOnly("n1");
        assertThat(plan.modeReason()).contains("replacing n1", "did not come back");
        assertThat(state.incident().state()).isEqualTo(IncidentState.PLANNED);
        assertThat(state.incident().replacing()).isTrue();
    }

    @Test
    void theAbortedRestartsOwnReportDoesNotEndTheReplacement() {
        ClusterSpec etcd = Fixtures.etcd();
        String incident = restartThatFailsToStart(etcd);
        apply(planner.onExecution(state, etcd, Fixtures.outcome(incident, Outcome.PLAN_ABORTED)));

        apply(planner.onReport(state, etcd, Fixtures.report(incident, Verdict.FAILED)));

        assertThat(state.incident().state()).isEqualTo(IncidentState.PLANNED);
    }

    @Test
    void aReplacementThatFailsToStartTooEscalates() {
        ClusterSpec etcd = Fixtures.etcd();
        String incident = restartThatFailsToStart(etcd);
        apply(planner.onExecution(state, etcd, Fixtures.outcome(incident, Outcome.PLAN_ABORTED)));
        apply(planner.onExecution(state, etcd, failed(incident + "-r2", incident, "02-await-healthy",
                Action.AWAIT_HEALTHY)));

        Result again = apply(planner.onExecution(state, etcd, new dev.revive.contracts.execution.PlanOutcome(
                "out-r2", incident + "-r2", incident, CLUSTER, Outcome.PLAN_ABORTED, "exec-1", 7, "aborted again",
                T0.plusSeconds(20), T0.plusSeconds(30))));

        assertThat(again.decision()).isInstanceOf(Decision.Escalate.class);
        assertThat(state.incident().state()).isEqualTo(IncidentState.ESCALATED);
    }

    @Test
    void aKindThatCannotReplaceAMemberEscalates() {
        ClusterSpec generic = new ClusterSpec("etcd-a", SystemKind.GENERIC, Fixtures.etcd().nodes(),
                Fixtures.etcd().policy(), Fixtures.etcd().backup());
        String incident = restartThatFailsToStart(generic);

        Result result = apply(planner.onExecution(state, generic, Fixtures.outcome(incident, Outcome.PLAN_ABORTED)));

        assertThat(result.decision()).isInstanceOfSatisfying(Decision.Escalate.class,
                escalate -> assertThat(escalate.reason()).contains("no member replacement"));
    }

    @Test
    void operatorsReplacementOfAMemberIsANewIncidentWhosePlanStopsAndReplacesIt() {
        ClusterSpec etcd = Fixtures.etcd();

        Result result = apply(planner.onDecision(state, etcd, OperatorDecision.replace("dec-1", CLUSTER, "n2", false,
                "sre", "its disk was swapped", T0.plusSeconds(10))));

        RecoveryPlan plan = result.plan().orElseThrow();
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.reason()).containsExactly("dec-1");
        assertThat(plan.modeReason()).contains("replacing n2", "asked for by sre", "its disk was swapped");
        assertThat(plan.steps()).extracting(PlanStep::action)
                .containsExactly(Action.STOP, Action.REPLACE_MEMBER, Action.AWAIT_HEALTHY, Action.AWAIT_CAUGHT_UP);
        assertThat(plan.steps()).extracting(PlanStep::nodeId).containsOnly("n2");
        assertThat(state.incident().replacing()).isTrue();
        assertThat(result.transitions()).extracting(Transition::to)
                .containsExactly(IncidentState.OPEN, IncidentState.PLANNED);
    }

    @Test
    void operatorsReplacementWhileAnotherMemberIsDownWaitsForApprovalAndItsApprovalReplacesIt() {
        ClusterSpec etcd = Fixtures.etcd();
        state = state.withOpenFault(OpenFault.of(Fixtures.fault("f-9", "n3")));

        RecoveryPlan waiting = apply(planner.onDecision(state, etcd, OperatorDecision.replace("dec-1", CLUSTER, "n2",
                false, "sre", "its disk was swapped", T0.plusSeconds(10)))).plan().orElseThrow();
        state = state.withoutOpenFault("n3");
        RecoveryPlan approved = apply(planner.onDecision(state, etcd, new OperatorDecision("dec-2", CLUSTER,
                waiting.planId(), DecisionVerdict.APPROVE, false, "sre", "n3 is back", T0.plusSeconds(20))))
                .plan().orElseThrow();

        assertThat(waiting.mode()).isEqualTo(PlanMode.APPROVAL_REQUIRED);
        assertThat(waiting.modeReason()).contains("quorum");
        assertThat(approved.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(approved.steps()).extracting(PlanStep::action).contains(Action.REPLACE_MEMBER)
                .doesNotContain(Action.START);
    }

    @Test
    void operatorsReplacementOfAnUnknownNodeOrWhileAnIncidentIsUnderWayIsRefused() {
        ClusterSpec etcd = Fixtures.etcd();

        assertThatThrownBy(() -> planner.onDecision(state, etcd, OperatorDecision.replace("dec-1", CLUSTER, "n9",
                false, "sre", "typo", T0))).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("not in the spec");
        apply(planner.onFault(state, etcd, Fixtures.fault("f-1", "n1")));
        assertThatThrownBy(() -> planner.onDecision(state, etcd, OperatorDecision.replace("dec-2", CLUSTER, "n2",
                false, "sre", "now", T0))).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("cannot be replaced now");
    }

    /** n1 down, its restart planned, its START failed: returns the incident id. */
    private String restartThatFailsToStart(ClusterSpec spec) {
        apply(planner.onFault(state, spec, Fixtures.fault("f-1", "n1")));
        String incident = state.incident().incidentId();
        apply(planner.onExecution(state, spec, failed(incident + "-r1", incident, "05-start", Action.START)));
        return incident;
    }

    private static StepEvent failed(String planId, String incident, String stepId, Action action) {
        return new StepEvent("ev-" + planId + "-" + stepId, planId, incident, CLUSTER, stepId, action, "n1", 1,
                StepStatus.FAILED, "exec-1", 7, "exited at once", T0.plusSeconds(10));
    }

    private Result apply(Result result) {
        state = result.state();
        return result;
    }
}
