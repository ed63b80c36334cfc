package dev.revive.targets.check;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code no-new-errors} check: no line containing {@code ERROR} in any node's log files written since the
 * restart. A line's time is its leading timestamp, ISO-8601 ({@code 2026-11-30T10:45:30.712Z}, offset optional)
 * or ZooKeeper/log4j ({@code 2026-11-30 10:45:30,712}); a timestamp without zone or offset is local time in the
 * given zone. Lines without a timestamp belong to the entry above (a stack trace belongs to its message), and
 * lines before the first timestamp read are not judged. Big files are read from the end, at most
 * {@code maxBytes}.
 */
public final class NewLogErrors {

    /** The check's name in reports. */
    public static final String NAME = "no-new-errors";
    /** The default of how much of the end of one log file is read. */
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

    private static final String KEYWORD = "ERROR";
    private static final int MAX_LINE = 300;
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})?");

    private final ZoneId zone;
    private final long maxBytes;

    /** Reads timestamps without offset in {@code zone}, at most {@code maxBytes} of the end of each file. */
    public NewLogErrors(ZoneId zone, long maxBytes) {
        this.zone = zone;
        this.maxBytes = maxBytes;
    }

    /** The check's result over every node of {@code spec}; {@code since} null means the plan restarted nothing. */
    public CheckResult check(ClusterSpec spec, Instant since) {
        String expected = "no line with " + KEYWORD + " in the nodes' logs since the restart";
        if (since == null) {
            return new CheckResult(NAME, CheckStatus.PASS, "no restart in this plan: no time to compare the logs to",
                    expected, Map.of());
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        List<String> withErrors = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (NodeSpec node : spec.nodes()) {
            List<String> errors = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (String file : node.logPaths()) {
                try {
                    errors.addAll(errorsSince(Path.of(file), since));
                } catch (NoSuchFileException e) {
                    problems.add(file + " missing");
                } catch (IOException | RuntimeException e) {
                    problems.add(file + " unreadable: " + e.getMessage());
                    unreadable.add(node.id());
                }
            }
            if (!errors.isEmpty()) {
                withErrors.add(node.id());
            }
            evidence.put(node.id(), describe(node, errors, problems));
        }
        String observed = withErrors.isEmpty() ? "no new " + KEYWORD + " lines since " + since
                : "new " + KEYWORD + " lines since " + since + " on " + String.join(", ", withErrors);
        CheckStatus status = !withErrors.isEmpty() ? CheckStatus.FAIL
                : unreadable.isEmpty() ? CheckStatus.PASS : CheckStatus.ERROR;
        return new CheckResult(NAME, status, observed, expected, evidence);
    }

    /** The lines with {@code ERROR} of the entries of {@code file} stamped at or after {@code since}. */
    public List<String> errorsSince(Path file, Instant since) throws IOException {
        List<String> errors = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = Math.max(0, channel.size() - maxBytes);
            channel.position(start);
            BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            if (start > 0) {
                reader.readLine();
            }
            Boolean entryIsNew = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Optional<Instant> stamp = timestamp(line);
                if (stamp.isPresent()) {
                    entryIsNew = !stamp.get().isBefore(since);
                }
                if (Boolean.TRUE.equals(entryIsNew) && line.contains(KEYWORD)) {
                    errors.add(clip(line));
                }
            }
        }
        return errors;
    }

    /** The leading timestamp of {@code line}, if it has one. */
    public Optional<Instant> timestamp(String line) {
        Matcher matcher = TIMESTAMP.matcher(line);
        if (!matcher.lookingAt()) {
            return Optional.empty();
        }
        try {
            String fraction = matcher.group(3) == null ? "0" : matcher.group(3);
            LocalDateTime local = LocalDateTime.parse(matcher.group(1) + "T" + matcher.group(2) + "."
                    + (fraction + "000000000").substring(0, 9));
            String offset = matcher.group(4);
            ZoneId at = offset == null ? zone : ZoneOffset.of(offset);
            return Optional.of(local.atZone(at).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String describe(NodeSpec node, List<String> errors, List<String> problems) {
        String files = node.logPaths().size() + " log file(s)";
        String text = errors.isEmpty() ? "no new " + KEYWORD + " lines in " + files
                : errors.size() + " new " + KEYWORD + " line(s), first: " + errors.get(0);
        return problems.isEmpty() ? text : text + "; " + String.join("; ", problems);
    }

    private static String clip(String line) {
        return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + "…";
    }
}
