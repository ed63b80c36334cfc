package dev.revive.e2e;

import dev.revive.contracts.report.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How long each hop of a recovery took over a number of cycles of one kind, and their p50 / p99 / max (nearest
 * rank) as a table. A hop with a missing end (an executor that never started) is left out of that hop's
 * samples, so its {@code n} is smaller.
 */
final class HopTable {

    /** One recovery as the benchmark saw it: the kill, the report's timeline, when the report was read. */
    record Cycle(Instant killedAt, Timeline timeline, Instant reportSeenAt) {
    }

    private enum Hop {
        DETECTION("detection (kill → fault observed)", Cycle::killedAt, cycle -> cycle.timeline().detectedAt()),
        PLANNING("planning (fault → plan)", cycle -> cycle.timeline().detectedAt(),
                cycle -> cycle.timeline().plannedAt()),
        DISPATCH("dispatch (plan → first step)", cycle -> cycle.timeline().plannedAt(),
                cycle -> cycle.timeline().executionStartedAt()),
        EXECUTION("execution (first step → outcome)", cycle -> cycle.timeline().executionStartedAt(),
                cycle -> cycle.timeline().executionFinishedAt()),
        VERIFICATION("verification (outcome → report)", cycle -> cycle.timeline().executionFinishedAt(),
                cycle -> cycle.timeline().verifiedAt()),
        MTTR("MTTR (fault observed → verified)", cycle -> cycle.timeline().detectedAt(),
                cycle -> cycle.timeline().verifiedAt()),
        KILL_TO_REPORT("kill → report read (read_committed)", Cycle::killedAt, Cycle::reportSeenAt);

        private final String label;
        private final Function<Cycle, Instant> from;
        private final Function<Cycle, Instant> to;

        Hop(String label, Function<Cycle, Instant> from, Function<Cycle, Instant> to) {
            this.label = label;
            this.from = from;
            this.to = to;
        }
    }

    private final Map<Hop, List<Long>> millis = new EnumMap<>(Hop.class);

    HopTable() {
        for (Hop hop : Hop.values()) {
            millis.put(hop, new ArrayList<>());
        }
    }

    /** Adds every hop of one cycle. */
    void record(Cycle cycle) {
        for (Hop hop : Hop.values()) {
            Instant from = hop.from.apply(cycle);
            Instant to = hop.to.apply(cycle);
            if (from != null && to != null) {
                millis.get(hop).add(Duration.between(from, to).toMillis());
            }
        }
    }

    /** A header row and one row per hop: p50, p99, max in milliseconds and the number of samples. */
    List<String> rows() {
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-40s %8s %8s %8s %4s", "hop", "p50 ms", "p99 ms", "max ms", "n"));
        millis.forEach((hop, values) -> {
            List<Long> sorted = values.stream().sorted().toList();
            rows.add(sorted.isEmpty() ? String.format("%-40s %8s %8s %8s %4d", hop.label, "-", "-", "-", 0)
                    : String.format("%-40s %8d %8d %8d %4d", hop.label, percentile(sorted, 50),
                            percentile(sorted, 99), sorted.get(sorted.size() - 1), sorted.size()));
        });
        return rows;
    }

    /** Nearest-rank percentile of a sorted, non-empty list. */
    static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
