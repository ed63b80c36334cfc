package dev.revive.targets.redis;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.CheckFinding;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds one Redis check's finding: its evidence, one entry per node, kept to a bounded size. */
final class RedisEvidence {

    private static final int MAX_VALUE = 300;

    private final Map<String, String> entries = new LinkedHashMap<>();

    RedisEvidence put(String key, Object value) {
        String text = String.valueOf(value);
        entries.put(key, text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "…" : text);
        return this;
    }

    CheckFinding finding(CheckFinding.Kind kind, String name, CheckStatus status, String observed, String expected) {
        return new CheckFinding(kind, new CheckResult(name, status, observed, expected, entries));
    }
}
