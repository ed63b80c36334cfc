package dev.revive.contracts.execution;

import dev.revive.contracts.plan.Action;
import dev.revive.contracts.validation.Check;
import java.time.Instant;

/**
 * One transition of one attempt of a plan step.
 *
 * @param eventId      unique id of this event
 * @param planId       the plan
 * @param incidentId   its incident
 * @param clusterId    its cluster
 * @param stepId       the step
 * @param action       the step's action, repeated for readers of the audit trail
 * @param nodeId       the node acted on, or null
 * @param attempt      which attempt, from 1
 * @param status       what happened
 * @param executorId   the executor that acted
 * @param fencingToken the fencing token it held
 * @param detail       what was seen or done, in words
 * @param at           when
 */
public record StepEvent(
        String eventId,
        String planId,
        String incidentId,
        String clusterId,
        String stepId,
        Action action,
        String nodeId,
        int attempt,
        StepStatus status,
        String executorId,
        long fencingToken,
        String detail,
        Instant at) implements ExecutionEvent {

    public StepEvent {
        Check.id("eventId", eventId);
        Check.id("planId", planId);
        Check.id("incidentId", incidentId);
        Check.id("clusterId", clusterId);
        Check.id("stepId", stepId);
        Check.required("action", action);
        Check.optionalId("nodeId", nodeId);
        Check.between("attempt", attempt, 1, 100);
        Check.required("status", status);
        Check.id("executorId", executorId);
        Check.atLeast("fencingToken", fencingToken, 0);
        Check.optionalText("detail", detail);
        Check.required("at", at);
    }
}
