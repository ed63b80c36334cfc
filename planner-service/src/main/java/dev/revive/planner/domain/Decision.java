package dev.revive.planner.domain;

import dev.revive.contracts.plan.RecoveryPlan;

/**
 * What the planner decided about one input: emit a plan, do nothing for now, hand the incident to a human,
 * or refuse an operator's approval. Decisions are values; the Kafka wiring only carries them out.
 */
public sealed interface Decision {

    /** Why, in words. */
    String reason();

    /** Emit {@code plan} (its mode says whether the executor may run it by itself). */
    record Execute(RecoveryPlan plan) implements Decision {
        @Override
        public String reason() {
            return "plan " + plan.planId() + ", mode " + plan.mode();
        }
    }

    /** Nothing to emit: {@code reason} says what the planner is waiting for. */
    record Wait(String reason) implements Decision {
    }

    /** A human must take over. */
    record Escalate(String reason) implements Decision {
    }

    /** An operator's approval was refused (the guards object against the state now); nothing is emitted. */
    record Refuse(String reason) implements Decision {
    }
}
