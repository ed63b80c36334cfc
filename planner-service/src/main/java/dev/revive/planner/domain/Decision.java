package dev.revive.planner.domain;

import dev.revive.contracts.plan.RecoveryPlan;
import java.util.Optional;

/**
 * What the planner decided about one input: emit a plan, do nothing for now, or hand the
 * incident to a human. Decisions are values; the Kafka wiring only carries them out.
 */
public sealed interface Decision {

    /** Emit {@code plan} (its mode says whether the executor may run it by itself). */
    record Execute(RecoveryPlan plan) implements Decision {
    }

    /** Nothing to emit: {@code reason} says what the planner is waiting for. */
    record Wait(String reason) implements Decision {
    }

    /** A human must take over; {@code notice} is an approval-only plan that says so, or null. */
    record Escalate(String reason, RecoveryPlan notice) implements Decision {
    }

    static Decision execute(RecoveryPlan plan) {
        return new Execute(plan);
    }

    static Decision wait(String reason) {
        return new Wait(reason);
    }

    static Decision escalate(String reason) {
        return new Escalate(reason, null);
    }

    /** The plan to publish, if the decision has one. */
    default Optional<RecoveryPlan> published() {
        if (this instanceof Execute execute) {
            return Optional.of(execute.plan());
        }
        if (this instanceof Escalate escalate) {
            return Optional.ofNullable(escalate.notice());
        }
        return Optional.empty();
    }
}
