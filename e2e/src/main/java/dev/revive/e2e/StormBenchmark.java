package dev.revive.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the planner in a fault storm ({@link FaultStorm}, the setup {@code FaultStormIT} asserts on): prints and
 * writes the planner's throughput and the fault → plan latencies ({@link StormMeasurement}). Usage:
 * {@value #USAGE}; the default file is {@code docs/benchmarks/storm-<date>.txt}.
 */
public final class StormBenchmark {

    static final String USAGE = "usage: bench-storm [--seed N] [--out FILE]";
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);

    private StormBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Clock clock = Clock.systemUTC();
        Path repoRoot = DemoOptions.locateRepoRoot();
        long seed = 7;
        Path out = repoRoot.resolve("docs/benchmarks/storm-" + LocalDate.now(ZoneOffset.UTC) + ".txt");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException(USAGE);
            }
        }
        String header = "# Revive fault-storm benchmark, " + clock.instant() + ", seed " + seed + ", "
                + StormClusters.CLUSTERS + " clusters (" + StormClusters.REAL + " real etcd), " + StormFaults.FAULTS
                + " faults + " + StormFaults.DUPLICATES + " duplicates, one planner, 1 partition per topic, "
                + Runtime.getRuntime().availableProcessors() + " cores, java " + System.getProperty("java.version")
                + ", load average at the start " + RecoveryBenchmark.loadAverage() + "\n";
        List<String> lines = new ArrayList<>();
        boolean settled = true;
        try (ReviveStack stack = ReviveStack.startWithProperties(repoRoot, Files.createTempDirectory("revive-storm-"),
                System.out::println, StormClusters.STACK_PROPERTIES);
                FaultStorm storm = FaultStorm.prepare(stack, clock, System.out::println)) {
            StormFaults faults = StormFaults.generate(storm.clusters(), clock.instant(), seed);
            StormExpectation expected = StormExpectation.of(storm.clusters(), faults);
            FaultStorm.Published published = storm.publish(faults);
            try {
                storm.awaitSettled(faults, expected, SETTLE_TIMEOUT);
            } catch (IllegalStateException e) {
                settled = false;
                lines.add("not settled: " + e.getMessage());
            }
            lines.addAll(StormMeasurement.of(faults, published, stack.events(), storm.clusters()).lines());
            lines.add("fewest members running per real cluster during the storm: " + storm.fewestRunning());
        }
        lines.add("load average (1, 5, 15 min) at the end: " + RecoveryBenchmark.loadAverage());
        lines.forEach(System.out::println);
        Files.createDirectories(out.getParent());
        Files.writeString(out, header + String.join("\n", lines) + "\n");
        System.out.println("\nwritten to " + out);
        if (!settled) {
            System.exit(1);
        }
    }
}
