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
 * @param gate asked right before every driver verb that acts on a node
 */
public record StepContext(RecoveryPlan plan, PlanStep step, ClusterSpec spec, ActGate gate) {

    /** A context whose gate always admits ({@link ActGate#OPEN}). */
    public StepContext(RecoveryPlan plan, PlanStep step, ClusterSpec spec) {
        this(plan, step, spec, ActGate.OPEN);
    }

    /**
     * Asks the gate right before {@code act}: empty when the handler may act now, else the outcome that ends the
     * attempt without acting ({@link StepOutcome#notAdmitted}).
     *
     * @param act what the handler is about to do, in words: {@code send SIGTERM to pid 42}
     */
    public Optional<StepOutcome> refusalBefore(String act) {
        return gate.admits() ? Optional.empty()
                : Optional.of(StepOutcome.notAdmitted("not admitted right before it would " + act + "; " + describe()
                        + " stopped there"));
    }

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
