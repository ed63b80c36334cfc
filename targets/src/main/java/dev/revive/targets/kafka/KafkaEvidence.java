package dev.revive.targets.kafka;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the kind's check results with evidence maps kept within the contract's bounds. */
final class KafkaEvidence {

    /** The most evidence entries one result carries; the rest are counted in {@code more}. */
    static final int MAX_ENTRIES = 50;

    private final Map<String, String> entries = new LinkedHashMap<>();
    private int dropped;

    /** Adds one entry, or counts it when the map is full. */
    KafkaEvidence put(String key, Object value) {
        if (entries.size() < MAX_ENTRIES) {
            entries.put(key, String.valueOf(value));
        } else {
            dropped++;
        }
        return this;
    }

    /** The result of check {@code name} with this evidence. */
    CheckResult result(String name, CheckStatus status, String observed, String expected) {
        Map<String, String> evidence = new LinkedHashMap<>(entries);
        if (dropped > 0) {
            evidence.put("more", dropped + " more entries not listed");
        }
        return new CheckResult(name, status, observed, expected, evidence);
    }
}
