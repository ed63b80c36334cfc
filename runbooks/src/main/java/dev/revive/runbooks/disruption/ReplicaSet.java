package dev.revive.runbooks.disruption;

import java.util.Objects;
import java.util.Set;

/**
 * One unit of replicated data and where its copies live right now, for kinds that replicate per unit rather than
 * per cluster: a Kafka partition with its replicas and in-sync replicas. Guards decide on it as they decide on
 * members: taking a node down is refused when a set it belongs to would fall below its minimum.
 *
 * @param name      what it is, for messages ({@code orders-3})
 * @param replicas  the node ids that hold a copy
 * @param inSync    the node ids whose copy is in sync now (a subset of {@code replicas})
 * @param minInSync how many copies must stay in sync for writes to be accepted
 */
public record ReplicaSet(String name, Set<String> replicas, Set<String> inSync, int minInSync) {

    public ReplicaSet {
        Objects.requireNonNull(name, "name");
        replicas = Set.copyOf(replicas);
        inSync = Set.copyOf(inSync);
        if (minInSync < 1) {
            throw new IllegalArgumentException("minInSync must be at least 1");
        }
    }

    /** True when some replica is out of sync. */
    public boolean underReplicated() {
        return !inSync.containsAll(replicas);
    }

    /** The replicas that are out of sync. */
    public Set<String> outOfSync() {
        return replicas.stream().filter(replica -> !inSync.contains(replica))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
