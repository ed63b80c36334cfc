package dev.revive.executor.plan;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps at most {@code capacity} entries: adding one more evicts the least recently used
 * (read or written). For the executor's in-memory bookkeeping keyed by incident or plan, which would
 * otherwise only grow. Not thread-safe.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class BoundedMap<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;

    private final int capacity;

    /** @param capacity the most entries kept, at least 1 */
    public BoundedMap(int capacity) {
        super(16, 0.75f, true);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
