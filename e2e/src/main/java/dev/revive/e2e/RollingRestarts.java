package dev.revive.e2e;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A rolling restart as the scenarios and the demo drive and read it: a cluster-wide alert posted like Alertmanager
 * would, the executable plan it caused, its report, and the order its members really went in, read from the step
 * events.
 *
 * @param alert  the alert that was posted
 * @param plan   the rolling plan
 * @param report its report
 * @param done   its steps that ended SUCCEEDED or SKIPPED, in the order they were recorded
 */
record RollingRestarts(FaultEvent alert, RecoveryPlan plan, RecoveryReport report, List<StepEvent> done) {

    private static final Duration WAIT = Duration.ofMinutes(3);

    /**
     * Posts a critical cluster-wide UNHEALTHY alert for {@code clusterId} and waits for its plan's report.
     *
     * @throws IllegalStateException when the detector refuses the alert, or no plan or no report comes in time
     */
    static RollingRestarts alert(OperatorApi api, Recoveries recoveries, String clusterId, String alertName)
            throws IOException, InterruptedException {
        FaultEvent alert = new FaultEvent(alertName + "-" + UUID.randomUUID(), clusterId, null, FaultKind.UNHEALTHY,
                Severity.CRITICAL, Instant.now(), "alertmanager", Map.of("alertname", alertName), alertName);
        var response = api.postFault(alert);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("the detector answered " + response.statusCode() + " to " + alertName
                    + ": " + response.body());
        }
        RecoveryPlan plan = Polling.await("rolling plan for " + alertName, WAIT,
                () -> recoveries.plansCausedBy(Set.of(alert.faultId())).stream()
                        .filter(candidate -> candidate.mode().executable()).findFirst());
        RecoveryReport report = Polling.await("report of " + plan.planId(), WAIT.multipliedBy(2),
                () -> recoveries.reportsOf(List.of(plan)).stream().findFirst());
        List<StepEvent> done = recoveries.stepsOf(plan).stream().filter(step -> step.status().isDone()).toList();
        return new RollingRestarts(alert, plan, report, done);
    }

    /** The steps as {@code id status detail}, for messages. */
    String trail() {
        return done.stream().map(step -> step.stepId() + " " + step.status() + " " + step.detail()).toList().toString();
    }

    /** The members in the order they were started again. */
    List<String> startOrder() {
        return done.stream().filter(step -> step.action() == Action.START).map(StepEvent::nodeId).toList();
    }

    /**
     * When the step of {@code action} on {@code nodeId} was done.
     *
     * @throws IllegalStateException when it was not done
     */
    Instant at(String nodeId, Action action) {
        return done.stream().filter(step -> step.action() == action && nodeId.equals(step.nodeId()))
                .map(StepEvent::at).findFirst()
                .orElseThrow(() -> new IllegalStateException(action + " of " + nodeId + " not done: " + trail()));
    }
}
