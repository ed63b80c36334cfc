package dev.revive.contracts.decision;

/** What an operator decided about a plan that waits for approval. */
public enum DecisionVerdict {
    /** Let it run (after the planner re-checked its guards against the cluster as it is now). */
    APPROVE,
    /** Do not run it: the incident is escalated to humans and the cluster is released. */
    REJECT
}
