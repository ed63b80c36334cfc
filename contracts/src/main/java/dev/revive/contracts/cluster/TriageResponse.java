package dev.revive.contracts.cluster;

/** What a fault deserves: the right-hand side of a triage rule. */
public enum TriageResponse {
    /** Plan the node restart now. */
    RESTART,
    /** Wait the policy's confirm window; plan the restart only if the fault still holds then. */
    CONFIRM_THEN_RESTART,
    /** Restart when the fault was sustained and the policy is AUTO; otherwise ask for approval. */
    RESTART_IF_SUSTAINED,
    /** Plan the restart, but only a human may let it run (a restart cannot help by itself). */
    APPROVAL,
    /** Tell, do nothing. */
    NOTICE
}
