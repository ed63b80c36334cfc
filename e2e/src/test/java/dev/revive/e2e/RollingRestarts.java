package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A rolling restart as the scenarios drive and read it: a cluster-wide alert posted like Alertmanager would, the
 * executable plan it caused, its report, and the order its members really went in, read from the step events.
 *
 * @param plan   the rolling plan
 * @param report its report
 * @param done   its steps that ended SUCCEEDED or SKIPPED, in the order they were recorded
 */
record RollingRestarts(RecoveryPlan plan, RecoveryReport report, List<StepEvent> done) {

    private static final Duration WAIT = Duration.ofMinutes(3);

    /** Posts a critical cluster-wide UNHEALTHY alert for {@code clusterId} and waits for its plan's report. */
    static RollingRestarts alert(OperatorApi api, Recoveries recoveries, String clusterId, String alertName)
            throws Exception {
        FaultEvent alert = new FaultEvent(alertName + "-" + UUID.randomUUID(), clusterId, null, FaultKind.UNHEALTHY,
                Severity.CRITICAL, Instant.now(), "alertmanager", Map.of("alertname", alertName), alertName);
        assertThat(api.postFault(alert).statusCode()).isEqualTo(202);
        RecoveryPlan plan = await("a rolling plan for " + alertName).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.plansCausedBy(Set.of(alert.faultId())).stream()
                        .filter(candidate -> candidate.mode().executable()).findFirst(), Optional::isPresent)
                .orElseThrow();
        RecoveryReport report = await("the report of " + plan.planId()).atMost(WAIT.multipliedBy(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> recoveries.reportsOf(List.of(plan)).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
        List<StepEvent> done = recoveries.stepsOf(plan).stream().filter(step -> step.status().isDone()).toList();
        return new RollingRestarts(plan, report, done);
    }

    /** The steps as {@code id status detail}, for messages. */
    String trail() {
        return done.stream().map(step -> step.stepId() + " " + step.status() + " " + step.detail()).toList().toString();
    }

    /**
     * An AUTO plan for the whole cluster that restarted each of {@code members} once, {@code last} last, and
     * stopped each member only after the one before it had caught up.
     */
    void assertRolledOneAtATime(int members, String last) {
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.scope()).isEqualTo(PlanScope.CLUSTER);
        List<String> order = done.stream().filter(step -> step.action() == Action.START).map(StepEvent::nodeId)
                .toList();
        assertThat(order).as(trail()).hasSize(members).doesNotHaveDuplicates().last().isEqualTo(last);
        for (int i = 1; i < order.size(); i++) {
            assertThat(at(order.get(i), Action.STOP)).as(order.get(i) + " stopped after " + order.get(i - 1)
                    + " caught up").isAfterOrEqualTo(at(order.get(i - 1), Action.AWAIT_CAUGHT_UP));
        }
    }

    /** When the step of {@code action} on {@code nodeId} was done. */
    Instant at(String nodeId, Action action) {
        return done.stream().filter(step -> step.action() == action && nodeId.equals(step.nodeId()))
                .map(StepEvent::at).findFirst()
                .orElseThrow(() -> new AssertionError(action + " of " + nodeId + " not done: " + trail()));
    }
}
