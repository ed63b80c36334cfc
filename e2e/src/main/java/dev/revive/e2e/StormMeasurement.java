package dev.revive.e2e;

import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The planner's throughput in a fault storm, measured from the event log (printed, never asserted): records and
 * distinct faults per second from the first record handed to the producer to the sentinel's plan seen on
 * {@code revive.plans} (the planner reads {@code revive.faults} in order, so by then it has taken in every record),
 * and p50 / p99 / max of fault → plan (a fault handed to the producer → the plan naming it seen), for the faults
 * decided at once; faults of a real cluster kept while its restart ran (planned once its report is out) wait for
 * that restart and are shown apart.
 *
 * @param records       records published (distinct faults and duplicates)
 * @param faults        distinct faults
 * @param publishing    first record handed to the producer → the broker acknowledged the last
 * @param storm         first record handed to the producer → the sentinel's plan seen
 * @param atOnce        fault → plan in milliseconds of the faults planned as they arrived, sorted
 * @param waited        the same for real-cluster faults that waited for a restart, sorted
 * @param restarts      per real cluster: its PROCESS_DOWN sent (the kill, for the stack target) → restart plan and
 *                      → report, in milliseconds
 */
public record StormMeasurement(int records, int faults, Duration publishing, Duration storm, List<Long> atOnce,
        List<Long> waited, Map<String, long[]> restarts) {

    /** Measures {@code storm} as {@code published} sent it, from what {@code events} saw. */
    public static StormMeasurement of(StormFaults storm, FaultStorm.Published published, EventLog events,
            StormClusters clusters) {
        Map<String, Instant> planSeen = new HashMap<>();
        Map<String, Instant> firstPlanOf = new HashMap<>();
        Map<String, Instant> reportSeen = new HashMap<>();
        for (EventLog.Entry entry : events.entries()) {
            if (entry.value() instanceof RecoveryPlan plan && entry.topic().equals(Topics.PLANS.name())) {
                planSeen.putIfAbsent(plan.planId(), entry.seenAt());
                plan.reason().forEach(id -> firstPlanOf.putIfAbsent(id, entry.seenAt()));
            } else if (entry.value() instanceof RecoveryReport report) {
                reportSeen.putIfAbsent(report.planId(), entry.seenAt());
            }
        }
        Instant sentinelPlan = firstPlanOf.get(storm.sentinel().faultId());
        Map<String, Instant> restartReported = new HashMap<>();
        events.plans().stream().filter(plan -> plan.mode().executable() && reportSeen.containsKey(plan.planId()))
                .forEach(plan -> restartReported.putIfAbsent(plan.clusterId(), reportSeen.get(plan.planId())));
        List<Long> atOnce = new ArrayList<>();
        List<Long> waited = new ArrayList<>();
        for (var fault : storm.distinct()) {
            Instant planned = firstPlanOf.get(fault.faultId());
            Instant sent = published.sentAt().get(fault.faultId());
            if (planned == null || sent == null || StormFaults.isVictimDown(fault)) {
                continue;
            }
            long millis = Duration.between(sent, planned).toMillis();
            Instant reported = restartReported.get(fault.clusterId());
            boolean waitedForRestart = clusters.realCluster(fault.clusterId()).isPresent() && reported != null
                    && !planned.isBefore(reported);
            (waitedForRestart ? waited : atOnce).add(millis);
        }
        Map<String, long[]> restarts = new java.util.TreeMap<>();
        for (RecoveryPlan plan : events.plans()) {
            if (plan.mode().executable() && reportSeen.containsKey(plan.planId())) {
                Instant down = plan.reason().stream().map(published.sentAt()::get).filter(java.util.Objects::nonNull)
                        .findFirst().orElse(published.firstSentAt());
                long planned = Duration.between(down, planSeen.get(plan.planId())).toMillis();
                long reported = Duration.between(down, reportSeen.get(plan.planId())).toMillis();
                restarts.put(plan.clusterId(), new long[] {planned, reported});
            }
        }
        return new StormMeasurement(storm.steps().size(), storm.distinct().size(),
                Duration.between(published.firstSentAt(), published.lastSentAt()),
                sentinelPlan == null ? null : Duration.between(published.firstSentAt(), sentinelPlan),
                atOnce.stream().sorted().toList(), waited.stream().sorted().toList(), restarts);
    }

    /** The numbers, one per line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "records published: %d (%d distinct faults, %d duplicates) in %.1f s",
                records, faults, records - faults, publishing.toMillis() / 1e3));
        if (storm == null) {
            lines.add("the sentinel's plan was not seen: no throughput");
        } else {
            double seconds = storm.toMillis() / 1e3;
            lines.add(String.format(Locale.ROOT, "first record published -> sentinel's plan seen: %.1f s", seconds));
            lines.add(String.format(Locale.ROOT, "planner throughput: %.0f records/s, %.0f distinct faults/s",
                    records / seconds, faults / seconds));
        }
        lines.add(latency("fault -> plan, planned as it arrived", atOnce));
        lines.add(latency("fault -> plan, kept while a restart ran", waited));
        restarts.forEach((cluster, millis) -> lines.add(String.format(Locale.ROOT,
                "%-20s fault sent (stack target: kill) -> restart plan %6d ms, -> report %6d ms", cluster,
                millis[0], millis[1])));
        return lines;
    }

    private static String latency(String label, List<Long> sorted) {
        if (sorted.isEmpty()) {
            return String.format(Locale.ROOT, "%-40s: no samples", label);
        }
        return String.format(Locale.ROOT, "%-40s: p50 %6d ms, p99 %6d ms, max %6d ms, n %d", label,
                HopTable.percentile(sorted, 50), HopTable.percentile(sorted, 99), sorted.get(sorted.size() - 1),
                sorted.size());
    }
}
