package dev.revive.executor.plan;

import dev.revive.contracts.cluster.ClusterSpec;
import java.util.Optional;

/** Which member of a cluster leads right now (raft leader, active controller, primary), as the system reports it. */
@FunctionalInterface
public interface LeaderLookup {

    /** Never answers: plans keep their own member order. */
    LeaderLookup NONE = spec -> Optional.empty();

    /** The node id of the member that leads now; empty when none or more than one say so, or nobody answers. */
    Optional<String> leaderOf(ClusterSpec spec);
}
