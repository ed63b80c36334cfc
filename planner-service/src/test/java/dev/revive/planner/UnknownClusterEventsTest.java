package dev.revive.planner;

import static dev.revive.planner.domain.Fixtures.CLUSTER;
import static dev.revive.planner.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Timeline;
import dev.revive.contracts.report.Verdict;
import dev.revive.planner.domain.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events about clusters that are not registered leave no entry in the incident store: they are dead-lettered. */
class UnknownClusterEventsTest {

    private static final int STRANGERS = 50;

    @RegisterExtension
    final TopologyHarness planner = new TopologyHarness();

    @Test
    void manyEventsOfUnknownClustersLeaveNoIncidentEntries() {
        // given
        planner.publish(Topics.CLUSTERS, CLUSTER, Fixtures.etcd());

        // when
        for (int i = 0; i < STRANGERS; i++) {
            String stranger = "etcd-unknown-" + i;
            planner.publish(Topics.FAULTS, stranger, fault(stranger, i));
            planner.publish(Topics.EXECUTIONS, stranger, outcome(stranger, i));
            planner.publish(Topics.REPORTS, stranger, report(stranger, i));
        }
        planner.publish(Topics.FAULTS, CLUSTER, Fixtures.fault("f-known", "n1"));

        // then
        assertThat(planner.plans().readValuesToList()).singleElement()
                .satisfies(plan -> assertThat(plan.clusterId()).isEqualTo(CLUSTER));
        assertThat(planner.incidentClusterIds()).containsExactly(CLUSTER);
        assertThat(planner.deadLetters().readRecordsToList()).hasSize(3 * STRANGERS)
                .allSatisfy(letter -> assertThat(DeadLetters.reason(letter.headers())).isEqualTo("UNKNOWN_CLUSTER"));
    }

    private static FaultEvent fault(String clusterId, int i) {
        return new FaultEvent("f-" + i, clusterId, "n1", FaultKind.PROCESS_DOWN, Severity.CRITICAL, T0, "probe",
                Map.of(), "down-n1");
    }

    private static PlanOutcome outcome(String clusterId, int i) {
        return new PlanOutcome("out-" + i, "inc-" + i + "-r1", "inc-" + i, clusterId, Outcome.PLAN_COMPLETED,
                "exec-1", 7, "done", T0, T0.plusSeconds(30));
    }

    private static RecoveryReport report(String clusterId, int i) {
        Timeline timeline = new Timeline(T0, T0, T0, T0, T0.plusSeconds(90));
        return new RecoveryReport("rep-" + i, "inc-" + i, "inc-" + i + "-r1", clusterId, Verdict.CONSISTENT,
                List.<dev.revive.contracts.report.CheckResult>of(), timeline, Duration.ofSeconds(90));
    }
}
