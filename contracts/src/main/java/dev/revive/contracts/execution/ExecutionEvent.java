package dev.revive.contracts.execution;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * What an executor did, on topic {@code revive.executions}: one {@link StepEvent} per step
 * transition and one {@link PlanOutcome} when a plan ends. Together they are the audit trail.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StepEvent.class, name = "step"),
    @JsonSubTypes.Type(value = PlanOutcome.class, name = "outcome")
})
public sealed interface ExecutionEvent permits StepEvent, PlanOutcome {

    /** Unique id of this event (the CloudEvent id). */
    String eventId();

    String planId();

    String incidentId();

    String clusterId();

    /** The executor that acted. */
    String executorId();

    /** The fencing token the executor held when it acted. */
    long fencingToken();

    Instant at();
}
