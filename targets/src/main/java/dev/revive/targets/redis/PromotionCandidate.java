package dev.revive.targets.redis;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * A replica that answers and might be promoted, with what Sentinel orders replicas by.
 *
 * @param nodeId   the node
 * @param priority its {@code replica-priority} (0: never to be promoted)
 * @param offset   its replication offset in bytes
 * @param runId    its run id ({@code INFO server}), the last tie-breaker; null when unknown (sorts last)
 */
public record PromotionCandidate(String nodeId, int priority, long offset, String runId) {

    /**
     * Sentinel's order, best first: lowest {@code replica-priority}, then highest replication offset, then the
     * lexicographically smallest run id.
     */
    public static final Comparator<PromotionCandidate> SENTINEL_ORDER = Comparator
            .comparingInt(PromotionCandidate::priority)
            .thenComparing(Comparator.comparingLong(PromotionCandidate::offset).reversed())
            .thenComparing(PromotionCandidate::runId, Comparator.nullsLast(Comparator.naturalOrder()));

    /** Whether Sentinel would ever promote it ({@code replica-priority} 0 says never). */
    public boolean promotable() {
        return priority > 0;
    }

    /** The best promotable candidate by {@link #SENTINEL_ORDER}, empty when none may be promoted. */
    public static Optional<PromotionCandidate> best(Collection<PromotionCandidate> candidates) {
        return candidates.stream().filter(PromotionCandidate::promotable).min(SENTINEL_ORDER);
    }

    @Override
    public String toString() {
        return nodeId + " (priority " + priority + ", offset " + offset + ")";
    }
}
