package dev.revive.planner.domain;

import dev.revive.testkit.MutableClock;
import static dev.revive.planner.domain.Fixtures.T0;
import static dev.revive.planner.domain.Fixtures.etcd;
import static dev.revive.planner.domain.Fixtures.fault;
import static dev.revive.planner.domain.Fixtures.recovered;
import static dev.revive.planner.domain.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.time.IdSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentPlannerTest {

    private final MutableClock clock = new MutableClock(T0.plusSeconds(5));
    private final IncidentPlanner planner = IncidentPlanner.standard(clock, IdSource.sequential());
    private final ClusterSpec spec = etcd();
    private ClusterState state = ClusterState.empty(Fixtures.CLUSTER);

    @Test
    void opensOneIncidentPerClusterAndPlansNodeRestart() {
        Result result = onFault("f-1", "n1");

        RecoveryPlan plan = result.plan().orElseThrow();
        assertThat(plan.planId()).isEqualTo("inc-1-r1");
        assertThat(plan.incidentId()).isEqualTo("inc-1");
        assertThat(plan.clusterId()).isEqualTo(Fixtures.CLUSTER);
        assertThat(plan.revision()).isEqualTo(1);
        assertThat(plan.scope()).isEqualTo(PlanScope.NODE);
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.modeReason()).isNull();
        assertThat(plan.reason()).containsExactly("f-1");
        assertThat(plan.detectedAt()).isEqualTo(T0);
        assertThat(plan.createdAt()).isEqualTo(clock.instant());
        assertThat(plan.steps()).hasSize(7).allSatisfy(step -> assertThat(step.nodeId()).isEqualTo("n1"));
        assertThat(state.incident().state()).isEqualTo(IncidentState.PLANNED);
        assertThat(result.transitions()).extracting(Transition::to)
                .containsExactly(IncidentState.OPEN, IncidentState.PLANNED);
        assertThat(onFault("f-2", "n2").plan()).isEmpty();
    }

    @Test
    void duplicateFaultsAddNoPlan() {
        onFault("f-1", "n1");

        for (int i = 0; i < 100; i++) {
            Result repeat = planner.onFault(state, spec, fault("f-dup-" + i, "n1", FaultKind.PROCESS_DOWN, "down-n1",
                    T0.plusSeconds(i)));
            state = repeat.state();
            assertThat(repeat.plan()).isEmpty();
            assertThat(repeat.decision()).isInstanceOf(Decision.Wait.class);
        }
        Result replay = onFault("f-1", "n1");

        assertThat(replay.plan()).isEmpty();
        assertThat(state.incident().faultIds()).containsExactly("f-1");
        assertThat(state.openFaults().get("n1").faultIds()).containsExactly("f-1");
    }

    @Test
    void faultsDuringOpenIncidentAreKept() {
        onFault("f-1", "n1");

        Result kept = onFault("f-2", "n2");

        assertThat(kept.plan()).isEmpty();
        assertThat(kept.decision()).isInstanceOf(Decision.Wait.class);
        assertThat(state.incident().incidentId()).isEqualTo("inc-1");
        assertThat(state.incident().faultIds()).containsExactly("f-1", "f-2");
        assertThat(state.openNodes()).containsExactly("n1", "n2");
    }

    @Test
    void recoveredFaultsUpdateOpenNodesButEmitNoPlan() {
        onFault("f-1", "n1");
        onFault("f-2", "n2");

        Result result = apply(planner.onFault(state, spec, recovered("r-2", "n2")));

        assertThat(result.plan()).isEmpty();
        assertThat(state.openNodes()).containsExactly("n1");
        assertThat(state.incident().state()).isEqualTo(IncidentState.PLANNED);
    }

    @Test
    void consistentReportClosesIncident() {
        onFault("f-1", "n1");

        Result closing = apply(planner.onReport(state, spec, report("inc-1", Verdict.CONSISTENT)));

        assertThat(closing.plan()).isEmpty();
        assertThat(state.incident().state()).isEqualTo(IncidentState.CLOSED);
        assertThat(state.openFaults()).isEmpty();
        assertThat(closing.transitions()).extracting(Transition::to).containsExactly(IncidentState.CLOSED);
        RecoveryPlan next = onFault("f-9", "n1").plan().orElseThrow();
        assertThat(next.incidentId()).isEqualTo("inc-2");
        assertThat(next.reason()).containsExactly("f-9");
    }

    @Test
    void closingOpensNextIncidentForFaultsStillOpen() {
        onFault("f-1", "n1");
        apply(planner.onFault(state, spec, fault("f-2", "n2", FaultKind.PROCESS_DOWN, "down-n2",
                T0.plusSeconds(10))));
        clock.advance(Duration.ofSeconds(10));

        Result closing = apply(planner.onReport(state, spec, report("inc-1", Verdict.CONSISTENT)));

        RecoveryPlan next = closing.plan().orElseThrow();
        assertThat(next.incidentId()).isEqualTo("inc-2");
        assertThat(next.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(next.reason()).containsExactly("f-2");
        assertThat(next.detectedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(next.steps()).allSatisfy(step -> assertThat(step.nodeId()).isEqualTo("n2"));
        assertThat(closing.transitions()).extracting(Transition::incidentId, Transition::to).containsExactly(
                tuple("inc-1", IncidentState.CLOSED),
                tuple("inc-2", IncidentState.OPEN),
                tuple("inc-2", IncidentState.PLANNED));
    }

    @Test
    void degradedReportWhileAnotherNodeIsDownMovesOnToThatNode() {
        // given a double failure: n1's plan ran, n2 went down too
        onFault("f-1", "n1");
        onFault("f-2", "n2");

        // when the verifier finds the cluster degraded (n2 still missing)
        Result moving = apply(planner.onReport(state, spec, report("inc-1", Verdict.DEGRADED)));

        // then n1's incident closes and n2's restart is planned next
        RecoveryPlan next = moving.plan().orElseThrow();
        assertThat(next.incidentId()).isEqualTo("inc-2");
        assertThat(next.steps()).allSatisfy(step -> assertThat(step.nodeId()).isEqualTo("n2"));
        assertThat(moving.transitions()).extracting(Transition::incidentId, Transition::to).containsExactly(
                tuple("inc-1", IncidentState.CLOSED),
                tuple("inc-2", IncidentState.OPEN),
                tuple("inc-2", IncidentState.PLANNED));
    }

    @Test
    void degradedReportWithNoOtherFaultyNodeEscalates() {
        onFault("f-1", "n1");

        Result escalation = apply(planner.onReport(state, spec, report("inc-1", Verdict.DEGRADED)));

        assertThat(escalation.decision()).isInstanceOf(Decision.Escalate.class);
        assertThat(state.incident().state()).isEqualTo(IncidentState.ESCALATED);
    }

    @Test
    void quorumGuardRequiresApprovalWhenTwoOfThreeAreDown() {
        onFault("f-1", "n1");
        onFault("f-2", "n2", FaultKind.UNREACHABLE);
        onFault("f-3", "n3", FaultKind.UNREACHABLE);
        clock.advance(Policy.DEFAULT_CONFIRM_WINDOW);

        RecoveryPlan next = apply(planner.onReport(state, spec, report("inc-1", Verdict.CONSISTENT))).plan()
                .orElseThrow();

        assertThat(next.mode()).isEqualTo(PlanMode.APPROVAL_REQUIRED);
        assertThat(next.modeReason()).contains("n2, n3", "2 of 3 voting members", "quorum of 2", "at most 1 down",
                "maxConcurrentDisruptions is 1");
        assertThat(state.restarts()).doesNotContainKey("n2");
    }

    @Test
    void restartBudgetExceededRequiresApproval() {
        ClusterSpec tight = etcd(Fixtures.policy(PlanMode.AUTO, 1, 2));
        List<PlanMode> modes = new ArrayList<>();

        for (int round = 1; round <= 3; round++) {
            RecoveryPlan plan = apply(planner.onFault(state, tight, fault("f-" + round, "n1"))).plan().orElseThrow();
            modes.add(plan.mode());
            if (round == 3) {
                assertThat(plan.modeReason()).contains("restart budget of n1", "2 restart(s) within PT1H",
                        "allows 2");
            }
            if (plan.mode() == PlanMode.APPROVAL_REQUIRED) {
                apply(planner.onDecision(state, tight, new dev.revive.contracts.decision.OperatorDecision("dec-" + round,
                        Fixtures.CLUSTER, plan.planId(), dev.revive.contracts.decision.DecisionVerdict.REJECT, false,
                        "alice", "flapping", T0)));
            } else {
                apply(planner.onReport(state, tight, report(plan.incidentId(), Verdict.CONSISTENT)));
            }
            clock.advance(Duration.ofMinutes(10));
        }
        clock.advance(Duration.ofHours(1));
        modes.add(apply(planner.onFault(state, tight, fault("f-4", "n1"))).plan().orElseThrow().mode());

        assertThat(modes).containsExactly(PlanMode.AUTO, PlanMode.AUTO, PlanMode.APPROVAL_REQUIRED, PlanMode.AUTO);
    }

    @Test
    void failedReportEscalatesAndReleasesTheCluster() {
        onFault("f-1", "n1");

        Result escalation = apply(planner.onReport(state, spec, report("inc-1", Verdict.FAILED)));

        assertThat(escalation.decision()).isInstanceOf(Decision.Escalate.class);
        assertThat(escalation.plan()).isEmpty();
        assertThat(state.incident().state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(state.openFaults()).isEmpty();
        assertThat(apply(planner.onReport(state, spec, report("inc-1", Verdict.DEGRADED))).decision())
                .isInstanceOf(Decision.Wait.class);
        assertThat(onFault("f-2", "n2").plan()).hasValueSatisfying(
                plan -> assertThat(plan.incidentId()).isEqualTo("inc-2"));
    }

    @Test
    void abortedPlanEscalatesIncident() {
        onFault("f-1", "n1");

        Result completed = apply(planner.onExecution(state, spec, Fixtures.outcome("inc-1", Outcome.PLAN_COMPLETED)));
        assertThat(completed.decision()).isInstanceOf(Decision.Wait.class);
        Result aborted = apply(planner.onExecution(state, spec, Fixtures.outcome("inc-1", Outcome.PLAN_ABORTED)));

        assertThat(aborted.decision()).isInstanceOf(Decision.Escalate.class);
        assertThat(((Decision.Escalate) aborted.decision()).reason()).contains("inc-1-r1", "PLAN_ABORTED", "05-start");
        assertThat(state.incident().state()).isEqualTo(IncidentState.ESCALATED);
    }

    @Test
    void clusterWideDownOfAKindWithoutAFullRestartIsEscalatedWithANoticeAndReleasesTheCluster() {
        ClusterSpec generic = new ClusterSpec(spec.id(), dev.revive.contracts.cluster.SystemKind.GENERIC, spec.nodes(),
                spec.policy(), spec.backup());
        Result result = apply(planner.onFault(state, generic, fault("f-1", null)));

        RecoveryPlan notice = result.plan().orElseThrow();
        assertThat(notice.mode()).isEqualTo(PlanMode.NOTICE);
        assertThat(notice.scope()).isEqualTo(PlanScope.CLUSTER);
        assertThat(notice.steps()).isEmpty();
        assertThat(notice.modeReason()).contains("escalated", "cluster-wide", "human");
        assertThat(notice.diagnosis().scope()).isEqualTo(dev.revive.contracts.plan.DiagnosisScope.CLUSTER_WIDE);
        assertThat(state.incident().state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(state.openFaults()).isEmpty();
    }

    @Test
    void sickClusterGetsOneRollingPlanThatSpendsEveryMembersBudget() {
        Result result = onFault("f-1", null, FaultKind.UNHEALTHY);

        RecoveryPlan rolling = result.plan().orElseThrow();
        assertThat(rolling.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(rolling.scope()).isEqualTo(PlanScope.CLUSTER);
        assertThat(rolling.steps()).filteredOn(step -> step.action() == dev.revive.contracts.plan.Action.START)
                .extracting(dev.revive.contracts.plan.PlanStep::nodeId).containsExactly("n1", "n2", "n3");
        assertThat(state.restarts()).containsOnlyKeys("n1", "n2", "n3");
    }

    @Test
    void policyModeIsHonoured() {
        RecoveryPlan dryRun = apply(planner.onFault(state, etcd(Fixtures.policy(PlanMode.DRY_RUN, 1, 3)),
                fault("f-1", "n1"))).plan().orElseThrow();
        state = ClusterState.empty(Fixtures.CLUSTER);
        RecoveryPlan approval = apply(planner.onFault(state, etcd(Fixtures.policy(PlanMode.APPROVAL_REQUIRED, 1, 3)),
                fault("f-2", "n1"))).plan().orElseThrow();

        assertThat(dryRun.mode()).isEqualTo(PlanMode.DRY_RUN);
        assertThat(dryRun.modeReason()).contains("policy of cluster etcd-a is DRY_RUN");
        assertThat(approval.mode()).isEqualTo(PlanMode.APPROVAL_REQUIRED);
        assertThat(approval.modeReason()).contains("is APPROVAL_REQUIRED");
        assertThat(state.restarts()).isEmpty();
    }

    @Test
    void recoveredTargetCancelsOnlyAPlanThatHasNotActed() {
        ClusterSpec approval = etcd(Fixtures.policy(PlanMode.APPROVAL_REQUIRED, 1, 3));
        apply(planner.onFault(state, approval, fault("f-1", "n1")));

        RecoveryPlan cancel = apply(planner.onFault(state, approval, recovered("r-1", "n1"))).plan().orElseThrow();
        IncidentState withoutExecution = state.incident().state();
        onFault("f-2", "n1");
        apply(planner.onExecution(state, spec, Fixtures.step("inc-2", "inc-2-r1", "02-stop",
                dev.revive.contracts.plan.Action.STOP)));
        Result acting = onFault("r-2", "n1", FaultKind.RECOVERED);

        assertThat(cancel.mode()).isEqualTo(PlanMode.CANCEL);
        assertThat(cancel.planId()).isEqualTo("inc-1-r2");
        assertThat(withoutExecution).isEqualTo(IncidentState.CANCELLED);
        assertThat(acting.plan()).isEmpty();
        assertThat(state.incident().state()).isEqualTo(IncidentState.EXECUTING);
        assertThat(state.openNodes()).isEmpty();
    }

    @Test
    void reportOfAnotherIncidentIsIgnored() {
        onFault("f-1", "n1");

        Result result = apply(planner.onReport(state, spec, report("inc-0", Verdict.CONSISTENT)));

        assertThat(result.decision()).isInstanceOf(Decision.Wait.class);
        assertThat(state.incident().state()).isEqualTo(IncidentState.PLANNED);
    }

    private Result onFault(String faultId, String nodeId) {
        return apply(planner.onFault(state, spec, fault(faultId, nodeId)));
    }

    private Result onFault(String faultId, String nodeId, FaultKind kind) {
        return apply(planner.onFault(state, spec, fault(faultId, nodeId, kind, kind + "-" + nodeId, T0)));
    }

    private Result apply(Result result) {
        state = result.state();
        return result;
    }
}
