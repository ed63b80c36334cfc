package dev.revive.detector.logs;

import dev.revive.contracts.cluster.LogRule;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * One log rule on one node: counts the matching lines within the rule's sliding window and fires
 * when they reach the rule's {@code matches}. After firing it stays quiet for one window and then
 * counts afresh, so a burst of matching lines raises one fault per window, not one per line.
 */
public final class RuleWindow {

    private final LogRule rule;
    private final Pattern pattern;
    private final Deque<Instant> matches = new ArrayDeque<>();
    private Instant quietUntil = Instant.MIN;

    public RuleWindow(LogRule rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.pattern = Pattern.compile(rule.pattern());
    }

    public LogRule rule() {
        return rule;
    }

    /**
     * Offers one complete line seen at {@code at}.
     *
     * @return the number of matches within the window when this line fires the rule, empty otherwise
     */
    public OptionalInt offer(String line, Instant at) {
        if (!pattern.matcher(line).find()) {
            return OptionalInt.empty();
        }
        if (at.isBefore(quietUntil)) {
            return OptionalInt.empty();
        }
        matches.addLast(at);
        Instant oldest = at.minus(rule.window());
        while (!matches.isEmpty() && !matches.peekFirst().isAfter(oldest)) {
            matches.removeFirst();
        }
        if (matches.size() < rule.matches()) {
            return OptionalInt.empty();
        }
        int count = matches.size();
        matches.clear();
        quietUntil = at.plus(rule.window());
        return OptionalInt.of(count);
    }
}
