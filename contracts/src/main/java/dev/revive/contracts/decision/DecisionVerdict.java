package dev.revive.contracts.decision;

/** What an operator decided about a plan that waits for approval, or asked for (a rollback, a replacement). */
public enum DecisionVerdict {
    /** Let it run (after the planner re-checked its guards against the cluster as it is now). */
    APPROVE,
    /** Do not run it: the incident is escalated to humans and the cluster is released. */
    REJECT,
    /**
     * Not about a waiting plan: roll the cluster back to a snapshot (the decision's {@code snapshot}, or the newest
     * verified one). The planner opens an incident for it when the cluster has none under way, else refuses.
     */
    ROLLBACK,
    /**
     * Not about a waiting plan: replace the decision's member ({@code nodeId}: removed, added back empty as a learner,
     * promoted once in sync). The planner opens an incident for it when the cluster has none under way, else refuses.
     */
    REPLACE
}
