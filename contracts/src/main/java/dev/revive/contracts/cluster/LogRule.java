package dev.revive.contracts.cluster;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A log keyword rule: {@code matches} lines matching {@code pattern} within {@code window} in a
 * node's log files raise one fault of {@code fault} kind, with the matching line as evidence.
 *
 * @param name    the rule's name, in the fault's evidence
 * @param pattern a regular expression, searched in each complete line
 * @param fault   the kind of fault raised
 * @param matches how many matching lines within the window fire the rule (absent or 0: 1)
 * @param window  the sliding window (default 1 min)
 */
public record LogRule(String name, String pattern, FaultKind fault,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int matches, Duration window) {

    public LogRule {
        Check.id("name", name);
        Check.text("pattern", pattern);
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new ContractViolation("pattern", Reason.INVALID_VALUE, "is not a regular expression: "
                    + e.getDescription());
        }
        Check.required("fault", fault);
        if (fault == FaultKind.RECOVERED) {
            throw new ContractViolation("fault", Reason.INVALID_VALUE, "a log rule raises faults, not RECOVERED");
        }
        matches = matches == 0 ? 1 : matches;
        Check.between("matches", matches, 1, 10_000);
        window = Check.positive("window", window == null ? Duration.ofMinutes(1) : window);
    }

    /** The default rules: the keywords of the operations runbook. */
    public static List<LogRule> defaults() {
        return List.of(
                new LogRule("too-many-open-files", "Too many open files", FaultKind.LOG_ERROR, 1, null),
                new LogRule("deadlock", "(?i)deadlock", FaultKind.LOCK_CONTENTION, 1, null),
                new LogRule("out-of-memory", "OutOfMemoryError|(?i:out of memory)", FaultKind.RESOURCE_EXHAUSTED, 1,
                        null),
                new LogRule("disk-full", "No space left on device", FaultKind.DISK_FULL, 1, null),
                new LogRule("timeout", "(?i)\\btime(d)? ?out\\b", FaultKind.LOG_ERROR, 20, null));
    }
}
