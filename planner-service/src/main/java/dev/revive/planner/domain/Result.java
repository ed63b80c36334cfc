package dev.revive.planner.domain;

import dev.revive.contracts.plan.RecoveryPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What handling one input produced: the cluster's next state, the decision, the plans to publish (in order:
 * e.g. a CANCEL revision of the closing incident, then the next incident's plan) and the incident transitions.
 *
 * @param state       the state to store
 * @param decision    what was decided (the last decision when one input caused several)
 * @param plans       the plans to publish, in order
 * @param transitions the incident moves, in order
 */
public record Result(ClusterState state, Decision decision, List<RecoveryPlan> plans, List<Transition> transitions) {

    public Result {
        plans = List.copyOf(plans);
        transitions = List.copyOf(transitions);
    }

    /** Nothing changes but the stored state; the planner waits for {@code reason}. */
    static Result waiting(ClusterState state, String reason) {
        return new Result(state, new Decision.Wait(reason), List.of(), List.of());
    }

    /** The newest plan to publish, if any. */
    public Optional<RecoveryPlan> plan() {
        return plans.isEmpty() ? Optional.empty() : Optional.of(plans.get(plans.size() - 1));
    }

    /** This result preceded by {@code earlier} plans and transitions; a Wait keeps the earlier decision. */
    Result after(Decision earlierDecision, List<RecoveryPlan> earlierPlans, List<Transition> earlier) {
        List<RecoveryPlan> allPlans = new ArrayList<>(earlierPlans);
        allPlans.addAll(plans);
        List<Transition> all = new ArrayList<>(earlier);
        all.addAll(transitions);
        Decision headline = decision instanceof Decision.Wait ? earlierDecision : decision;
        return new Result(state, headline, allPlans, all);
    }
}
