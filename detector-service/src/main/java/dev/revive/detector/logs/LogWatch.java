package dev.revive.detector.logs;

import dev.revive.contracts.cluster.LogRule;
import dev.revive.detector.domain.Finding;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

/**
 * The log rules of one node over all its log files: each tick reads what the files gained (bounded)
 * and applies every rule to every complete line. A firing rule becomes one {@link Finding} whose
 * evidence carries the rule, the line that fired it, its file, the matches and the window.
 */
public final class LogWatch implements AutoCloseable {

    /** Evidence key: the rule's name. */
    public static final String RULE = "rule";
    /** Evidence key: the line that fired the rule, control characters escaped, at most 1000 characters. */
    public static final String LINE = "line";
    /** Evidence key: the log file the line is from. */
    public static final String FILE = "file";
    /** Evidence key: how many matching lines were seen within the window. */
    public static final String MATCHES = "matches";
    /** Evidence key: the rule's window (ISO-8601). */
    public static final String WINDOW = "window";

    private static final Logger LOG = Logger.getLogger(LogWatch.class);

    private final List<LogFollower> followers;
    private final List<RuleWindow> rules;
    private final Clock clock;

    /**
     * @param files           the node's log files
     * @param rules           the cluster's log rules
     * @param maxLineBytes    lines are cut at this many bytes
     * @param maxBytesPerTick the most read from each file per tick
     * @param clock           when lines are seen
     */
    public LogWatch(List<Path> files, List<LogRule> rules, int maxLineBytes, long maxBytesPerTick, Clock clock) {
        this.followers = files.stream().map(file -> new LogFollower(file, maxLineBytes, maxBytesPerTick)).toList();
        this.rules = rules.stream().map(RuleWindow::new).toList();
        this.clock = clock;
    }

    /** True when there is nothing to watch (no files or no rules). */
    public boolean isEmpty() {
        return followers.isEmpty() || rules.isEmpty();
    }

    /** Reads the files' new lines and returns what fired. */
    public List<Finding> tick() {
        List<Finding> findings = new ArrayList<>();
        for (LogFollower follower : followers) {
            try {
                List<String> lines = follower.poll();
                Instant now = clock.instant();
                lines.forEach(line -> apply(follower.file(), line, now, findings));
            } catch (IOException e) {
                LOG.debugf("log file %s cannot be read now: %s", follower.file(), e);
            }
        }
        return findings;
    }

    private void apply(Path file, String line, Instant now, List<Finding> findings) {
        for (RuleWindow window : rules) {
            OptionalInt fired = window.offer(line, now);
            if (fired.isPresent()) {
                LogRule rule = window.rule();
                Map<String, String> evidence = new LinkedHashMap<>();
                evidence.put(RULE, rule.name());
                evidence.put(LINE, LineText.evidence(line));
                evidence.put(FILE, file.toString());
                evidence.put(MATCHES, Integer.toString(fired.getAsInt()));
                evidence.put(WINDOW, rule.window().toString());
                findings.add(new Finding(rule.fault(), rule.name(), evidence));
            }
        }
    }

    @Override
    public void close() {
        for (LogFollower follower : followers) {
            try {
                follower.close();
            } catch (IOException e) {
                LOG.debugf("closing %s: %s", follower.file(), e);
            }
        }
    }
}
