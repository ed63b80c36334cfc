package dev.revive.targets.generic;

import dev.revive.targets.kind.ProbeResult.Outcome;
import java.util.Objects;

/**
 * What one node answered to one declared check.
 *
 * @param nodeId  the node asked
 * @param outcome whether it answered, and how it failed if not; FAILED = it answered, but not in the declared form
 *                (another HTTP status or exit code, a missing field)
 * @param value   the compared value (the field, or the whole answer, trimmed and capped); null unless answered
 * @param matches true when it answered and the value matches the check's {@code expect}
 * @param detail  what went wrong, in words; null when it answered
 */
public record NodeAnswer(String nodeId, Outcome outcome, String value, boolean matches, String detail) {

    public NodeAnswer {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(outcome, "outcome");
    }

    static NodeAnswer answered(String nodeId, String value, boolean matches) {
        return new NodeAnswer(nodeId, Outcome.ANSWERED, value, matches, null);
    }

    static NodeAnswer failed(String nodeId, Outcome outcome, String detail) {
        return new NodeAnswer(nodeId, outcome, null, false, detail);
    }

    /** It answered in the declared form (its value may still not match). */
    public boolean answered() {
        return outcome == Outcome.ANSWERED;
    }

    /** It answered and the value matches: the node passes an EVERY_NODE check. */
    public boolean ok() {
        return answered() && matches;
    }

    /** The answer as evidence text. */
    public String describe() {
        return answered() ? (matches ? "" : "unexpected: ") + value : outcome + ": " + detail;
    }
}
