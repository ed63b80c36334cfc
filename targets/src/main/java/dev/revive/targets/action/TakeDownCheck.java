package dev.revive.targets.action;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.runbooks.Runbooks;
import dev.revive.targets.kind.ProbeResult;
import dev.revive.targets.kind.TargetKinds;
import java.util.Optional;

/**
 * What is checked right before a running node is taken down (STOP, FORCE_KILL): when the step asks for it
 * ({@code confirmUnresponsive}), that the node still does not answer its kind's probe; then the kind's
 * disruption model against the live membership (safety rule 3), unless the step takes the whole cluster down on
 * purpose ({@code wholeCluster}: a rollback an operator approved). The planner checked both when it planned;
 * this is the check against the cluster as it is at the moment of acting.
 */
final class TakeDownCheck {

    private final TargetKinds kinds;
    private final Runbooks runbooks;

    TakeDownCheck(TargetKinds kinds, Runbooks runbooks) {
        this.kinds = kinds;
        this.runbooks = runbooks;
    }

    /**
     * Why {@code node} must not be taken down now: a PLAN_CANCELLED outcome when it answers after all, a
     * FAILED one when the disruption model refuses; empty when it may go down.
     */
    Optional<StepOutcome> objection(StepContext context, NodeSpec node) {
        if (context.step().params().confirmUnresponsive()) {
            ProbeResult probe = probe(context.spec(), node);
            if (probe.isSuccess()) {
                return Optional.of(StepOutcome.cancelPlan("fault no longer holds: " + node.id()
                        + " answers its probe; nothing was signalled"));
            }
        }
        if (context.step().params().wholeCluster()) {
            return Optional.empty(); // a plan that takes the whole cluster down on purpose (a rollback)
        }
        return refusal(context.spec(), node).map(StepOutcome::failed);
    }

    /** The same checks in words, for a dry run: what they would decide now. */
    String describe(StepContext context, NodeSpec node) {
        String confirm = "";
        if (context.step().params().confirmUnresponsive()) {
            ProbeResult probe = probe(context.spec(), node);
            confirm = "first it would probe " + node.id() + " and cancel the plan if it answers (now: "
                    + (probe.isSuccess() ? "it answers, so the plan would be cancelled" : probe.outcome()) + "); ";
        }
        if (context.step().params().wholeCluster()) {
            return confirm + "the plan takes the whole cluster down on purpose: the disruption guard is not asked";
        }
        return confirm + refusal(context.spec(), node).map(refusal -> "the disruption guard would refuse now: " + refusal)
                .orElse("the disruption guard allows it now");
    }

    private ProbeResult probe(ClusterSpec spec, NodeSpec node) {
        return kinds.probe(spec.kind()).probe(spec, node);
    }

    private Optional<String> refusal(ClusterSpec spec, NodeSpec node) {
        return runbooks.forKind(spec.kind()).disruption().refusal(spec, kinds.status(spec.kind()).read(spec), node.id());
    }
}
