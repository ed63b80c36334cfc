package dev.revive.planner.domain;

import static dev.revive.planner.domain.Fixtures.CLUSTER;
import static dev.revive.planner.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.time.IdSource;
import dev.revive.runbooks.decision.NodeRecovery;
import dev.revive.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A cluster whose members all went down within the crash window is started as one (the kind's full restart), not
 * one member at a time; a member the full restart could not bring back is replaced next.
 */
class FullCrashTest {

    private final MutableClock clock = new MutableClock(T0);
    private final IncidentPlanner planner = IncidentPlanner.standard(clock, IdSource.sequential());
    private final ClusterSpec etcd = Fixtures.etcd();
    private ClusterState state = ClusterState.empty(CLUSTER);

    @Test
    void membersDownWithinTheCrashWindowAreStartedAsOneClusterWidePlan() {
        Result first = down("f-1", "n1", T0);
        down("f-2", "n2", T0.plusMillis(300));
        down("f-3", "n3", T0.plusMillis(600));
        clock.advance(NodeRecovery.CRASH_WINDOW);

        Result decided = apply(planner.onTick(state, etcd));

        assertThat(first.plan()).as("nothing planned inside the window").isEmpty();
        RecoveryPlan plan = decided.plan().orElseThrow();
        assertThat(plan.scope()).isEqualTo(PlanScope.CLUSTER);
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.reason()).containsExactlyInAnyOrder("f-1", "f-2", "f-3");
        assertThat(plan.steps()).extracting(PlanStep::action).startsWith(Action.STOP, Action.STOP, Action.STOP,
                Action.BACKUP_DATA, Action.BACKUP_DATA, Action.BACKUP_DATA, Action.START, Action.START, Action.START,
                Action.AWAIT_QUORUM).doesNotContain(Action.FORCE_KILL);
        assertThat(state.incident().targetNodeId()).isNull();
        assertThat(state.restarts()).containsOnlyKeys("n1", "n2", "n3");
    }

    @Test
    void aMemberDownAloneIsRestartedByItselfOnceTheWindowEnds() {
        down("f-1", "n1", T0);
        clock.advance(NodeRecovery.CRASH_WINDOW);

        RecoveryPlan plan = apply(planner.onTick(state, etcd)).plan().orElseThrow();

        assertThat(plan.scope()).isEqualTo(PlanScope.NODE);
        assertThat(plan.steps()).extracting(PlanStep::nodeId).containsOnly("n1");
        assertThat(plan.steps()).extracting(PlanStep::action).doesNotContain(Action.BACKUP_DATA);
    }

    @Test
    void aMemberThatRecoversWithinTheWindowIsNotRestarted() {
        down("f-1", "n1", T0);

        Result recovered = apply(planner.onFault(state, etcd, Fixtures.recovered("f-2", "n1")));

        assertThat(recovered.plan()).isEmpty();
        assertThat(state.incident().state()).isEqualTo(IncidentState.CANCELLED);
    }

    @Test
    void aMemberTheFullRestartCouldNotStartIsReplacedByTheNextRevision() {
        down("f-1", "n1", T0);
        down("f-2", "n2", T0);
        down("f-3", "n3", T0);
        clock.advance(NodeRecovery.CRASH_WINDOW);
        RecoveryPlan full = apply(planner.onTick(state, etcd)).plan().orElseThrow();
        apply(planner.onExecution(state, etcd, failed(full, "n3.02-start", Action.START, "n3")));

        Result completed = apply(planner.onExecution(state, etcd,
                Fixtures.outcome(full.incidentId(), Outcome.PLAN_COMPLETED)));

        RecoveryPlan replacement = completed.plan().orElseThrow();
        assertThat(replacement.revision()).isEqualTo(2);
        assertThat(replacement.steps()).extracting(PlanStep::action).contains(Action.REPLACE_MEMBER);
        assertThat(replacement.steps()).extracting(PlanStep::nodeId).containsOnly("n3");
        assertThat(replacement.modeReason()).contains("n3");
        assertThat(state.incident().targetNodeId()).isEqualTo("n3");
        assertThat(state.incident().replacing()).isTrue();
        assertThat(state.openFaults()).containsKey("n3").doesNotContainKey(OpenFault.CLUSTER_WIDE);
    }

    @Test
    void aCrashSpreadWiderThanTheWindowIsStartedAsOneOnceTheFirstMembersStartFails() {
        down("f-1", "n1", T0);
        clock.advance(NodeRecovery.CRASH_WINDOW);
        RecoveryPlan alone = apply(planner.onTick(state, etcd)).plan().orElseThrow();
        down("f-2", "n2", T0.plusSeconds(3));
        down("f-3", "n3", T0.plusSeconds(4));
        apply(planner.onExecution(state, etcd, failed(alone, "06-await-healthy", Action.AWAIT_HEALTHY, "n1")));

        Result aborted = apply(planner.onExecution(state, etcd,
                Fixtures.outcome(alone.incidentId(), Outcome.PLAN_ABORTED)));

        RecoveryPlan whole = aborted.plan().orElseThrow();
        assertThat(alone.scope()).isEqualTo(PlanScope.NODE);
        assertThat(whole.revision()).isEqualTo(2);
        assertThat(whole.scope()).isEqualTo(PlanScope.CLUSTER);
        assertThat(whole.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(whole.steps()).extracting(PlanStep::action).startsWith(Action.STOP, Action.STOP, Action.STOP,
                Action.BACKUP_DATA);
        assertThat(whole.steps()).filteredOn(step -> step.action() == Action.STOP)
                .allSatisfy(step -> assertThat(step.params().confirmUnresponsive()).isTrue());
        assertThat(state.incident().targetNodeId()).isNull();
        assertThat(state.incident().startFailed()).as("the new revision starts afresh").isFalse();
    }

    private Result down(String faultId, String node, Instant observedAt) {
        return apply(planner.onFault(state, etcd, Fixtures.fault(faultId, node, FaultKind.PROCESS_DOWN,
                "down-" + node, observedAt)));
    }

    private static StepEvent failed(RecoveryPlan plan, String stepId, Action action, String node) {
        return new StepEvent("ev-" + stepId, plan.planId(), plan.incidentId(), CLUSTER, stepId, action, node, 1,
                StepStatus.FAILED, "exec-1", 7, "exited at once", T0.plusSeconds(10));
    }

    private Result apply(Result result) {
        state = result.state();
        return result;
    }
}
