package dev.revive.e2e;

import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Timeline;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdMember;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures recoveries: kills a member (followers and the leader in turn) for a number of cycles
 * on one stack, and prints and writes p50 / p99 / max of detection latency, each hop and MTTR,
 * with the resident memory of every process. Usage: {@code [--cycles N] [--out FILE]}.
 */
public final class RecoveryBenchmark {

    private static final Duration CYCLE_TIMEOUT = Duration.ofMinutes(2);
    private static final int KEYS_PER_CYCLE = 50;

    private RecoveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cycles = 10;
        Path out = Path.of("revive-demo-out/recovery-benchmark.txt");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cycles" -> cycles = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("usage: [--cycles N] [--out FILE], not " + args[i]);
            }
        }
        out = out.toAbsolutePath();
        Clock clock = Clock.systemUTC();
        Map<String, List<Duration>> samples = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        try (ReviveStack stack = ReviveStack.start(DemoOptions.locateRepoRoot(), Files.createTempDirectory("revive-bench-"),
                System.out::println);
                Workload workload = new Workload(stack.target().endpoints());
                EtcdAdapter etcd = new EtcdAdapter(Duration.ofSeconds(2))) {
            Recoveries recoveries = new Recoveries(stack.events());
            for (int cycle = 1; cycle <= cycles; cycle++) {
                awaitWholeCluster(stack, etcd);
                boolean leader = cycle % 3 == 0;
                EtcdMember victim = leader ? stack.target().leader() : stack.followers().get(cycle % 2);
                Instant killedAt = clock.instant();
                stack.target().kill(victim);
                workload.write("bench/cycle-" + cycle, KEYS_PER_CYCLE);
                RecoveryReport report = Polling.await("report for " + victim.name(), CYCLE_TIMEOUT,
                        () -> recoveries.reportFor(victim.name(), killedAt));
                record(samples, killedAt, report.timeline(), clock.instant());
                lines.add(String.format("cycle %2d: killed %s %s → %s, MTTR %d ms", cycle, leader ? "leader" : "follower",
                        victim.name(), report.verdict(), report.mttr().toMillis()));
                if (report.verdict() != Verdict.CONSISTENT) {
                    lines.add("  not consistent: " + report.checks());
                }
            }
            lines.add("");
            lines.addAll(summary(samples));
            lines.add("");
            lines.addAll(ResidentMemory.of(stack));
        }
        lines.forEach(System.out::println);
        Files.createDirectories(out.getParent());
        Files.write(out, header(cycles, clock).concat(String.join("\n", lines)).concat("\n").getBytes());
        System.out.println("\nwritten to " + out);
    }

    private static void awaitWholeCluster(ReviveStack stack, EtcdAdapter etcd) throws InterruptedException {
        Polling.until("a whole cluster and every plan reported", CYCLE_TIMEOUT,
                () -> stack.target().members().stream().allMatch(member -> etcd.isHealthy(member.clientUrl()))
                        && stack.events().reports().size() == stack.events().plans().size());
    }

    private static void record(Map<String, List<Duration>> samples, Instant killedAt, Timeline timeline, Instant seen) {
        add(samples, "detection (kill → fault observed)", killedAt, timeline.detectedAt());
        add(samples, "planning (fault → plan)", timeline.detectedAt(), timeline.plannedAt());
        add(samples, "dispatch (plan → first step)", timeline.plannedAt(), timeline.executionStartedAt());
        add(samples, "execution (first step → outcome)", timeline.executionStartedAt(), timeline.executionFinishedAt());
        add(samples, "verification (outcome → report)", timeline.executionFinishedAt(), timeline.verifiedAt());
        add(samples, "MTTR (fault observed → verified)", timeline.detectedAt(), timeline.verifiedAt());
        add(samples, "kill → report read (read_committed)", killedAt, seen);
    }

    private static void add(Map<String, List<Duration>> samples, String name, Instant from, Instant to) {
        samples.computeIfAbsent(name, key -> new ArrayList<>()).add(Duration.between(from, to));
    }

    private static List<String> summary(Map<String, List<Duration>> samples) {
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-40s %8s %8s %8s %4s", "hop", "p50 ms", "p99 ms", "max ms", "n"));
        samples.forEach((name, values) -> {
            List<Long> sorted = values.stream().map(Duration::toMillis).sorted().toList();
            rows.add(String.format("%-40s %8d %8d %8d %4d", name, percentile(sorted, 50), percentile(sorted, 99),
                    sorted.get(sorted.size() - 1), sorted.size()));
        });
        return rows;
    }

    /** Nearest-rank percentile. */
    private static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String header(int cycles, Clock clock) throws IOException {
        return "# Revive recovery benchmark, " + clock.instant() + ", " + cycles + " cycles, "
                + Runtime.getRuntime().availableProcessors() + " cores, java " + System.getProperty("java.version")
                + "\n";
    }
}
