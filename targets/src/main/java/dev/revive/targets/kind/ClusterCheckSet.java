package dev.revive.targets.kind;

import java.util.List;

/**
 * The verification checks of one kind. The verifier runs rounds of them and settles; each round opens
 * fresh connections where the kind needs them. Never throws for a member that does not answer: the
 * finding says so.
 */
public interface ClusterCheckSet {

    /** Every check, once. */
    List<CheckFinding> round(CheckRequest request);

    /**
     * A quick look after an aborted plan: the checks that describe the cluster as it is, without settling; a kind
     * may wait a bounded while for its own failover (Kafka Connect: its group moving a dead worker's tasks).
     */
    List<CheckFinding> quickLook(CheckRequest request);
}
