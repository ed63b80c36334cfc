package dev.revive.contracts.decision;

/** What an operator decided about a plan that waits for approval, or asked for (a rollback). */
public enum DecisionVerdict {
    /** Let it run (after the planner re-checked its guards against the cluster as it is now). */
    APPROVE,
    /** Do not run it: the incident is escalated to humans and the cluster is released. */
    REJECT,
    /**
     * Not about a waiting plan: roll the cluster back to a snapshot (the decision's {@code snapshot}, or the newest
     * verified one). The planner opens an incident for it when the cluster has none under way, else refuses.
     */
    ROLLBACK
}
