package dev.revive.planner.domain;

import dev.revive.contracts.plan.RecoveryPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What handling one input produced: the cluster's next state, the decision (which carries the plan
 * to publish, if any) and the incident transitions to log.
 *
 * @param state       the state to store
 * @param decision    what was decided
 * @param transitions the incident moves, in order
 */
public record Result(ClusterState state, Decision decision, List<Transition> transitions) {

    public Result {
        transitions = List.copyOf(transitions);
    }

    /** Nothing changes but the stored state; the planner waits for {@code reason}. */
    static Result waiting(ClusterState state, String reason) {
        return new Result(state, Decision.wait(reason), List.of());
    }

    /** The plan to publish, if any. */
    public Optional<RecoveryPlan> plan() {
        return decision.published();
    }

    /** This result preceded by {@code earlier} transitions. */
    Result after(List<Transition> earlier) {
        List<Transition> all = new ArrayList<>(earlier);
        all.addAll(transitions);
        return new Result(state, decision, all);
    }
}
