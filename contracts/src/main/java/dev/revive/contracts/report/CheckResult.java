package dev.revive.contracts.report;

import dev.revive.contracts.validation.Check;
import java.util.Map;

/**
 * One verification check with what was seen and what was expected.
 *
 * @param name     what was checked, e.g. {@code hash-kv-equal}
 * @param status   its result
 * @param observed what was seen, in words
 * @param expected what should have been seen
 * @param evidence the raw facts behind it (per-member values, revisions, …)
 */
public record CheckResult(String name, CheckStatus status, String observed, String expected, Map<String, String> evidence) {

    public CheckResult {
        Check.id("name", name);
        Check.required("status", status);
        Check.optionalText("observed", observed);
        Check.optionalText("expected", expected);
        evidence = Check.textMap("evidence", evidence);
    }
}
