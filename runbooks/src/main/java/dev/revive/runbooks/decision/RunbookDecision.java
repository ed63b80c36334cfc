package dev.revive.runbooks.decision;

import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanStep;
import java.time.Duration;
import java.util.List;

/**
 * What a runbook decided about a fault of one node. A value: the planner turns it into a plan revision, a
 * wait, a notice or an escalation.
 */
public sealed interface RunbookDecision {

    /** The reason, in words. */
    String reason();

    /**
     * Restart the node with {@code steps} in {@code mode}.
     *
     * @param steps      the restart steps
     * @param mode       AUTO, DRY_RUN or APPROVAL_REQUIRED
     * @param modeReason why the mode is not AUTO; null for AUTO
     */
    record Plan(List<PlanStep> steps, PlanMode mode, String modeReason) implements RunbookDecision {
        public Plan {
            steps = List.copyOf(steps);
        }

        @Override
        public String reason() {
            return modeReason == null ? "restart, mode " + mode : modeReason;
        }
    }

    /** Wait {@code window} (from the fault's first observation); decide again, confirmed, if it still holds. */
    record Confirm(Duration window, String reason) implements RunbookDecision {
    }

    /** Tell, do nothing. */
    record Notice(String reason) implements RunbookDecision {
    }

    /** No runbook can help: a human must decide. */
    record Escalate(String reason) implements RunbookDecision {
    }
}
