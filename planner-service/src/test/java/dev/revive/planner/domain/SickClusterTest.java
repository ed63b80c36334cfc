package dev.revive.planner.domain;

import static dev.revive.planner.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.TriageResponse;
import dev.revive.contracts.cluster.TriageRule;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.time.IdSource;
import dev.revive.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every member faulty with faults of running members: one rolling restart for the cluster, not one per member. */
class SickClusterTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(T0.plusSeconds(1));
    private final IncidentPlanner planner = IncidentPlanner.standard(clock, IdSource.sequential());
    private final ClusterSpec spec = Fixtures.etcd(new Policy(PlanMode.AUTO, 1, null, null,
            List.of(new TriageRule(FaultKind.LOG_ERROR, null, TriageResponse.CONFIRM_THEN_RESTART)), WINDOW));
    private ClusterState state = ClusterState.empty(Fixtures.CLUSTER);

    @Test
    void faultsOfEveryMemberWithinTheConfirmWindowBecomeOneRollingRestart() {
        apply(planner.onFault(state, spec, tooManyOpenFiles("f-1", "n1")));
        apply(planner.onFault(state, spec, tooManyOpenFiles("f-2", "n2")));
        apply(planner.onFault(state, spec, tooManyOpenFiles("f-3", "n3")));
        clock.advance(WINDOW);

        Result decided = apply(planner.onTick(state, spec));

        RecoveryPlan plan = decided.plan().orElseThrow();
        assertThat(plan.scope()).isEqualTo(PlanScope.CLUSTER);
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.reason()).containsExactlyInAnyOrder("f-1", "f-2", "f-3");
        assertThat(plan.steps()).filteredOn(step -> step.action() == Action.START).extracting(PlanStep::nodeId)
                .containsExactly("n1", "n2", "n3");
        assertThat(plan.diagnosis().scope()).isEqualTo(dev.revive.contracts.plan.DiagnosisScope.CLUSTER_WIDE);
        assertThat(state.openFaults()).containsOnlyKeys(OpenFault.CLUSTER_WIDE);
        assertThat(state.incident().targetNodeId()).isNull();
    }

    @Test
    void theRollingRestartsReportClosesEveryMembersFault() {
        for (String node : List.of("n1", "n2", "n3")) {
            apply(planner.onFault(state, spec, tooManyOpenFiles("f-" + node, node)));
        }
        clock.advance(WINDOW);
        apply(planner.onTick(state, spec));
        String incident = state.incident().incidentId();
        apply(planner.onExecution(state, spec, Fixtures.outcome(incident, dev.revive.contracts.execution.Outcome.PLAN_COMPLETED)));

        apply(planner.onReport(state, spec, Fixtures.report(incident, Verdict.CONSISTENT)));

        assertThat(state.incident().state()).isEqualTo(IncidentState.CLOSED);
        assertThat(state.openFaults()).isEmpty();
    }

    @Test
    void aMemberThatIsDownKeepsTheFaultsApartAndGetsItsOwnRestart() {
        apply(planner.onFault(state, spec, tooManyOpenFiles("f-1", "n1")));
        apply(planner.onFault(state, spec, tooManyOpenFiles("f-2", "n2")));
        apply(planner.onFault(state, spec, Fixtures.fault("f-3", "n3", FaultKind.PROCESS_DOWN, "down-n3", T0)));
        clock.advance(WINDOW);

        apply(planner.onTick(state, spec));

        assertThat(state.incident().targetNodeId()).isNotNull();
        assertThat(state.openFaults()).containsKeys("n1", "n2", "n3");
    }

    private static FaultEvent tooManyOpenFiles(String faultId, String node) {
        return new FaultEvent(faultId, Fixtures.CLUSTER, node, FaultKind.LOG_ERROR, Severity.CRITICAL, T0, "detector",
                Map.of("line", "accept tcp: too many open files"), "log-" + node);
    }

    private Result apply(Result result) {
        state = result.state();
        return result;
    }
}
