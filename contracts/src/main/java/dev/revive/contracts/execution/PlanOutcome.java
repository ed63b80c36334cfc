package dev.revive.contracts.execution;

import dev.revive.contracts.validation.Check;
import java.time.Instant;

/**
 * The end of a plan's execution.
 *
 * @param eventId      unique id of this event
 * @param planId       the plan
 * @param incidentId   its incident
 * @param clusterId    its cluster
 * @param outcome      completed or aborted
 * @param executorId   the executor that ran it
 * @param fencingToken the fencing token it held
 * @param detail       a summary, and for an abort the failed step and why
 * @param startedAt    when the first step started
 * @param at           when the plan ended
 */
public record PlanOutcome(
        String eventId,
        String planId,
        String incidentId,
        String clusterId,
        Outcome outcome,
        String executorId,
        long fencingToken,
        String detail,
        Instant startedAt,
        Instant at) implements ExecutionEvent {

    public PlanOutcome {
        Check.id("eventId", eventId);
        Check.id("planId", planId);
        Check.id("incidentId", incidentId);
        Check.id("clusterId", clusterId);
        Check.required("outcome", outcome);
        Check.id("executorId", executorId);
        Check.atLeast("fencingToken", fencingToken, 0);
        Check.optionalText("detail", detail);
        Check.required("startedAt", startedAt);
        Check.required("at", at);
    }
}
