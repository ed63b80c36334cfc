package dev.revive.contracts.plan;

/** How much of a cluster a plan touches. */
public enum PlanScope {
    NODE,
    CLUSTER,
    CASCADE
}
