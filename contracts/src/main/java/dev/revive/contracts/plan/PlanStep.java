package dev.revive.contracts.plan;

import dev.revive.contracts.validation.Check;

/**
 * One step of a plan.
 *
 * @param stepId    unique within the plan, stable across revisions
 * @param action    what to do
 * @param nodeId    the node it acts on, or null for a cluster-wide action
 * @param params    its typed parameters
 * @param onFailure what happens to the plan when it fails
 */
public record PlanStep(String stepId, Action action, String nodeId, StepParams params, OnFailure onFailure) {

    public PlanStep {
        Check.id("stepId", stepId);
        Check.required("action", action);
        Check.optionalId("nodeId", nodeId);
        Check.required("params", params);
        Check.required("onFailure", onFailure);
    }
}
