package dev.revive.targets.connect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The window {@link BurrowLag} evaluates, for the partitions of the sink connectors' groups of one Connect cluster:
 * the samples of each partition's committed offset with its lag behind the end offset taken in the last
 * {@link #SPAN} (at most {@value #MAX_SAMPLES}), oldest first. The span is short so that a worker frozen for a
 * confirm window shows STALL before it is restarted; a sink whose offsets are committed less often than that (Connect's
 * default {@code offset.flush.interval.ms} is a minute) shows STALL while lag waits, which is what its committed
 * offset says. A sample replaces the set of partitions: a partition no longer consumed leaves the window, so the
 * window never grows past the cluster's partitions × {@value #MAX_SAMPLES}. Pure; not thread-safe (the caller locks).
 */
final class LagWindow {

    static final Duration SPAN = Duration.ofSeconds(5);
    static final int MAX_SAMPLES = 32;

    /**
     * One partition as sampled.
     *
     * @param committed the group's committed offset
     * @param end       the partition's end offset
     */
    record Offsets(long committed, long end) {
    }

    private Map<String, Deque<BurrowLag.Commit>> partitions = new LinkedHashMap<>();
    private Map<String, Long> currentLag = Map.of();

    /** Adds the sample taken at {@code at}, by partition ({@code topic-partition of group}). */
    void add(Map<String, Offsets> sample, Instant at) {
        Map<String, Deque<BurrowLag.Commit>> next = new LinkedHashMap<>();
        Map<String, Long> lags = new LinkedHashMap<>();
        sample.forEach((partition, offsets) -> {
            Deque<BurrowLag.Commit> window = partitions.getOrDefault(partition, new ArrayDeque<>());
            long lag = Math.max(0, offsets.end() - offsets.committed());
            window.addLast(new BurrowLag.Commit(offsets.committed(), lag, at));
            while (window.size() > MAX_SAMPLES
                    || Duration.between(window.getFirst().at(), at).compareTo(SPAN) > 0) {
                window.removeFirst();
            }
            next.put(partition, window);
            lags.put(partition, lag);
        });
        partitions = next;
        currentLag = lags;
    }

    /** How many samples of {@code partition} the window holds. */
    int size(String partition) {
        Deque<BurrowLag.Commit> window = partitions.get(partition);
        return window == null ? 0 : window.size();
    }

    /** Burrow's status of each partition now, by partition, in name order. */
    Map<String, BurrowLag.Status> evaluate(Instant now) {
        Map<String, BurrowLag.Status> statuses = new TreeMap<>();
        partitions.forEach((partition, window) -> statuses.put(partition,
                BurrowLag.evaluate(List.copyOf(window), currentLag.getOrDefault(partition, 0L), now)));
        return statuses;
    }

    /**
     * What the window says, for a fault's evidence: {@code lag STALL on collected-0 of connect-sink, ...} naming
     * every partition that is not OK, or {@code lag OK on <n> partition(s)}; empty before the first sample.
     */
    Optional<String> describe(Instant now) {
        if (partitions.isEmpty()) {
            return Optional.empty();
        }
        Map<String, BurrowLag.Status> statuses = evaluate(now);
        List<String> bad = new ArrayList<>();
        statuses.forEach((partition, status) -> {
            if (status != BurrowLag.Status.OK) {
                bad.add(status + " on " + partition);
            }
        });
        return Optional.of(bad.isEmpty() ? "lag OK on " + statuses.size() + " partition(s)"
                : "lag " + String.join(", ", bad));
    }
}
