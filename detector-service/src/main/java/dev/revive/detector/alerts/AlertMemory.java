package dev.revive.detector.alerts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The alerts this detector published last, by dedup key ({@code alertmanager/<fingerprint>},
 * {@code pagerduty/<dedup_key>}), so that a re-sent alert is not published again (Alertmanager re-sends whole groups)
 * and a PagerDuty resolve, which carries no payload, finds its node. Bounded: the least recently used are forgotten.
 * One instance's memory: after a restart, or on another instance, an alert may be published once more (with the same
 * fault id where the sender gives one, see the README).
 */
public final class AlertMemory {

    /**
     * What was last published for one dedup key.
     *
     * @param clusterId the cluster
     * @param nodeId    the node, or null
     * @param firing    true for a fault, false for a RECOVERED
     * @param since     what tells firings apart (Alertmanager's {@code startsAt}), or empty
     */
    public record Entry(String clusterId, String nodeId, boolean firing, String since) {
    }

    /** A claim on publishing an entry; {@link #release()} it when the publishing failed, so that a retry may. */
    public final class Claim {

        private final String key;
        private final Entry claimed;
        private final Entry previous;

        private Claim(String key, Entry claimed, Entry previous) {
            this.key = key;
            this.claimed = claimed;
            this.previous = previous;
        }

        /** Forgets the claimed entry, unless a newer one replaced it. */
        public void release() {
            synchronized (AlertMemory.this) {
                if (entries.get(key) == claimed) {
                    if (previous == null) {
                        entries.remove(key);
                    } else {
                        entries.put(key, previous);
                    }
                }
            }
        }
    }

    private final Map<String, Entry> entries;

    /** A memory of at most {@code capacity} keys. */
    public AlertMemory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("revive.detector.alerts.remembered: must be at least 1 but was " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Claims publishing {@code entry} under {@code key}; empty when that very entry is already the last one (a duplicate). */
    public synchronized Optional<Claim> claim(String key, Entry entry) {
        Entry previous = entries.get(key);
        if (entry.equals(previous)) {
            return Optional.empty();
        }
        entries.put(key, entry);
        return Optional.of(new Claim(key, entry, previous));
    }

    /** The last entry published under {@code key}, if remembered. */
    public synchronized Optional<Entry> find(String key) {
        return Optional.ofNullable(entries.get(key));
    }
}
