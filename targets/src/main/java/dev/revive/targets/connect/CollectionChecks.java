package dev.revive.targets.connect;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.TargetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The collection runbook's DATA checks over a Connect cluster's file pipelines:
 * {@code record-counts} (source lines vs the lines delivered to the topic vs distinct sink lines within the spec's
 * {@code recordCountTolerance}; duplicates in the topic and in the sink counted in the evidence: a FileStreamSource
 * is at-least-once, so a worker killed mid-ingest sends its uncommitted lines again, which is no loss), {@code offsets-never-back} (a sink
 * connector's committed offsets never behind what an earlier round of this verifier saw) and {@code throughput}
 * (records per second in the source topics in the last window since the restart vs a window that ended one window
 * before detection, within {@code metricsTolerance}; both windows {@code throughputWindow} long; a HEALTH finding:
 * a collector off its throughput is DEGRADED). Until the window after recovery is
 * complete the throughput check is ERROR, waiting: the round is not CONSISTENT yet and the verifier checks again
 * while its settle time lasts (a window shorter than the settle time fits).
 */
final class CollectionChecks {

    static final String COUNTS = "record-counts";
    static final String OFFSETS = "offsets-never-back";
    static final String THROUGHPUT = "throughput";

    private final Map<String, Long> highestSeen = new ConcurrentHashMap<>();

    CheckResult counts(ClusterSpec spec, Pipelines pipelines, ConnectKafka kafka) {
        double tolerance = spec.policy().verification().recordCountTolerance();
        Map<String, String> evidence = new LinkedHashMap<>();
        boolean within = true;
        for (Pipelines.Source source : pipelines.sources()) {
            // the topic first, then the file: whatever the topic holds was in the file before, so a line written in
            // between is in flight (within the tolerance), never a record without its line
            Optional<Map<String, Long>> values = kafka.values(source.topic());
            long offsets = values.isPresent() ? 0 : kafka.records(source.topic());
            List<String> offered = lines(source.file()).toList();
            Delivery delivery = values.map(counted -> Delivery.of(offered, counted))
                    .orElseGet(() -> Delivery.byOffsets(offered.size(), offsets));
            double rate = recentRate(kafka, source.topic(), spec.policy().verification().throughputWindow());
            within &= delivery.lossWithin(tolerance, rate);
            evidence.put("source " + source.name(), offered.size() + " line(s) in " + source.file() + "; "
                    + delivery.describe(source.topic()));
            for (Pipelines.Sink sink : pipelines.sinks()) {
                if (sink.topics().contains(source.topic())) {
                    List<String> all = lines(sink.file()).toList();
                    Set<String> distinct = new HashSet<>(all);
                    long missing = delivery.byValue() ? delivery.missingInSink(offered, distinct, tolerance, rate)
                            : Math.max(0, delivery.records() - distinct.size());
                    within &= missing <= tolerance * Math.max(1, delivery.delivered());
                    evidence.put("sink " + sink.name(), distinct.size() + " distinct line(s) in " + sink.file()
                            + ", " + missing + " of the topic's lines missing, " + (all.size() - distinct.size())
                            + " duplicate(s)");
                }
            }
        }
        String expected = "lines missing from the topic, and from the sink, at most " + percent(tolerance);
        String observed = pipelines.sources().isEmpty() ? "no FileStreamSource connector to count"
                : within ? "counts within " + percent(tolerance) : "counts differ by more than " + percent(tolerance);
        return new CheckResult(COUNTS, within ? CheckStatus.PASS : CheckStatus.FAIL, observed, expected, evidence);
    }

    CheckResult offsets(ClusterSpec spec, Pipelines pipelines, ConnectKafka kafka) {
        Map<String, String> evidence = new LinkedHashMap<>();
        boolean forward = true;
        for (Pipelines.Sink sink : pipelines.sinks()) {
            for (Map.Entry<String, Long> entry : kafka.committed(sink.group()).entrySet()) {
                String key = spec.id() + "/" + sink.group() + "/" + entry.getKey();
                long before = highestSeen.getOrDefault(key, -1L);
                boolean back = entry.getValue() < before;
                forward &= !back;
                highestSeen.merge(key, entry.getValue(), Math::max);
                evidence.put(sink.group() + " " + entry.getKey(), entry.getValue() + (before < 0 ? " (first seen)"
                        : back ? " BEHIND " + before + " seen earlier" : " (earlier " + before + ")"));
            }
        }
        return new CheckResult(OFFSETS, forward ? CheckStatus.PASS : CheckStatus.FAIL,
                forward ? "no committed offset moved back" : "a committed offset moved back",
                "every sink connector's committed offsets at or past what earlier rounds saw", evidence);
    }

    CheckResult throughput(ClusterSpec spec, Pipelines pipelines, ConnectKafka kafka, Instant restartedAt,
            Instant detectedAt, Instant now) {
        double tolerance = spec.policy().verification().metricsTolerance();
        Duration window = spec.policy().verification().throughputWindow();
        String expected = "records/s in the last " + window.toSeconds() + " s since recovery within "
                + percent(tolerance) + " of a " + window.toSeconds() + " s window that ended " + window.toSeconds()
                + " s before the fault was detected";
        if (detectedAt == null) {
            return new CheckResult(THROUGHPUT, CheckStatus.PASS, "no fault time: no window to compare to", expected,
                    Map.of());
        }
        Instant recovered = restartedAt != null && restartedAt.isAfter(detectedAt) ? restartedAt : detectedAt;
        if (now.isBefore(recovered.plus(window))) {
            return new CheckResult(THROUGHPUT, CheckStatus.ERROR, "waiting: the window after recovery is not "
                    + "complete yet, it ends at " + recovered.plus(window), expected, Map.of());
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        boolean within = true;
        for (Pipelines.Source source : pipelines.sources()) {
            // the window before the fault ends a whole window before its detection: the fault itself began up to a
            // few probes before it was detected, and must not lower the baseline it is compared with
            double before = rate(kafka, source.topic(), detectedAt.minus(window.multipliedBy(2)),
                    detectedAt.minus(window));
            double after = rate(kafka, source.topic(), now.minus(window), now);
            boolean ok = before == 0 || Math.abs(after - before) <= tolerance * before;
            within &= ok;
            evidence.put(source.topic(), String.format("%.1f records/s before, %.1f after%s", before, after,
                    before == 0 ? " (no traffic before the fault: no baseline)" : ""));
        }
        return new CheckResult(THROUGHPUT, within ? CheckStatus.PASS : CheckStatus.FAIL,
                within ? "throughput within " + percent(tolerance) : "throughput off by more than " + percent(tolerance),
                expected, evidence);
    }

    /** A check that could not read what it compares: ERROR, naming why. */
    static CheckResult error(String name, TargetException failure) {
        return new CheckResult(name, CheckStatus.ERROR, failure.kind() + ": " + failure.getMessage(),
                "the Kafka cluster and the files answer", Map.of());
    }

    /** Records per second written to {@code topic} over the last {@code window}. */
    private static double recentRate(ConnectKafka kafka, String topic, Duration window) {
        Instant now = Instant.now();
        return rate(kafka, topic, now.minus(window), now);
    }

    private static double rate(ConnectKafka kafka, String topic, Instant from, Instant to) {
        long records = kafka.offsetAt(topic, to) - kafka.offsetAt(topic, from);
        return records * 1000.0 / Math.max(1, Duration.between(from, to).toMillis());
    }

    private static boolean close(long a, long b, double tolerance) {
        return Math.abs(a - b) <= tolerance * Math.max(a, b);
    }

    private static String percent(double fraction) {
        return String.format("%.2f %%", fraction * 100);
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isEmpty());
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
