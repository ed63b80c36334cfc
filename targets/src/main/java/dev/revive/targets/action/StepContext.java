package dev.revive.targets.action;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import java.time.Duration;
import java.util.Optional;

/**
 * One step of one plan with the registered spec of its cluster: everything an {@link ActionHandler} may use.
 *
 * @param plan the plan
 * @param step the step
 * @param spec the cluster's registered (signed) spec, the only source of commands and paths
 */
public record StepContext(RecoveryPlan plan, PlanStep step, ClusterSpec spec) {

    /** The node the step acts on, when the step names one and the spec knows it. */
    public Optional<NodeSpec> node() {
        return step.nodeId() == null ? Optional.empty() : spec.node(step.nodeId());
    }

    /** The node the step acts on; only for handlers, which {@link ActionHandlers} calls with a known node. */
    NodeSpec requireNode() {
        return node().orElseThrow(() -> new IllegalStateException(describe() + " names no node of the spec"));
    }

    /** The step's time bound. */
    public Duration timeout() {
        return step.params().timeout();
    }

    /** {@code step 02-stop (STOP m1)}, for logs and details. */
    public String describe() {
        return "step " + step.stepId() + " (" + step.action() + (step.nodeId() == null ? "" : " " + step.nodeId()) + ")";
    }
}
