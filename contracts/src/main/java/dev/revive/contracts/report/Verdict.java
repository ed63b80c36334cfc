package dev.revive.contracts.report;

/** The verifier's conclusion about a cluster after a plan. */
public enum Verdict {
    /** Every check passed: the data is consistent and the cluster is whole. */
    CONSISTENT,
    /** A data check failed: replicas disagree. */
    INCONSISTENT,
    /** The data agrees but the cluster is not whole (a member is missing or lagging). */
    DEGRADED,
    /** The plan did not complete or the checks could not be run. */
    FAILED
}
