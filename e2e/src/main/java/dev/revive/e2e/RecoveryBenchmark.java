package dev.revive.e2e;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.runbooks.disruption.ClusterView;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.kind.StatusReader;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures recoveries of every kind Revive supports on one stack: for each kind (etcd, then the ZooKeeper
 * ensemble of kind generic) it kills a node for a number of cycles (followers and the leader in turn, writing
 * during each outage), and prints and writes p50 / p99 / max of detection latency, each hop and MTTR per kind,
 * with the resident memory of every process. Usage: {@value BenchmarkOptions#USAGE}.
 */
public final class RecoveryBenchmark {

    private static final Duration CYCLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(2);

    private final ReviveStack stack;
    private final Recoveries recoveries;
    private final TargetKinds kinds;
    private final Clock clock;
    private boolean incomplete;

    private RecoveryBenchmark(ReviveStack stack, TargetKinds kinds, Clock clock) {
        this.stack = stack;
        this.recoveries = new Recoveries(stack.events());
        this.kinds = kinds;
        this.clock = clock;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        Clock clock = Clock.systemUTC();
        String header = header(options, clock);
        List<String> lines = new ArrayList<>();
        boolean complete;
        try (ReviveStack stack = ReviveStack.start(options.repoRoot(), Files.createTempDirectory("revive-bench-"),
                System.out::println, options.needsZooKeeper(), options.needsCollection(), options.needsRedis());
                TargetKinds kinds = TargetKinds.standard(new TargetSettings(STATUS_TIMEOUT))) {
            RecoveryBenchmark benchmark = new RecoveryBenchmark(stack, kinds, clock);
            for (String kind : options.kinds()) {
                try (BenchTarget target = BenchTarget.of(kind, stack, options.cycles())) {
                    lines.addAll(benchmark.measure(target, options.cycles()));
                }
                lines.add("");
            }
            lines.addAll(ResidentMemory.of(stack));
            complete = !benchmark.incomplete;
        }
        lines.add("");
        lines.add("load average (1, 5, 15 min) at the end: " + loadAverage());
        lines.forEach(System.out::println);
        Files.createDirectories(options.out().getParent());
        Files.writeString(options.out(), header + String.join("\n", lines) + "\n");
        System.out.println("\nwritten to " + options.out());
        if (!complete) {
            System.err.println("some cycles had no report in time; see " + options.out());
            System.exit(1);
        }
    }

    /** The cycles of one kind: the same path for every kind, only the target differs. */
    private List<String> measure(BenchTarget target, int cycles) throws InterruptedException {
        ClusterSpec spec = target.spec();
        List<String> lines = new ArrayList<>();
        lines.add("## " + target.name() + " (cluster " + spec.id() + ", kind "
                + spec.kind().name().toLowerCase(Locale.ROOT) + ", " + spec.nodes().size() + " nodes)");
        HopTable hops = new HopTable();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            awaitWholeAndNothingUnderWay(spec);
            boolean leader = cycle % 3 == 0;
            String victim = leader ? target.leader() : target.followers().get(cycle % 2);
            Instant killedAt = clock.instant();
            target.kill(victim);
            String written = target.writeDuringOutage(cycle);
            RecoveryReport report;
            try {
                report = Polling.await("report for " + spec.id() + "/" + victim, CYCLE_TIMEOUT,
                        () -> recoveries.reportFor(victim, killedAt));
            } catch (IllegalStateException e) {
                incomplete = true;
                lines.add(String.format("cycle %2d: killed %s, %s; its plans: %s; the remaining cycles are skipped",
                        cycle, victim, e.getMessage(), plansFor(victim, killedAt)));
                break;
            }
            Instant seen = stack.events().seenAt(report).orElseGet(clock::instant);
            hops.record(new HopTable.Cycle(killedAt, report.timeline(), seen));
            lines.add(String.format("cycle %2d: killed %s %s, wrote %s → %s, MTTR %d ms", cycle,
                    leader ? "leader" : "follower", victim, written, report.verdict(), report.mttr().toMillis()));
            if (report.verdict() != Verdict.CONSISTENT) {
                lines.add("  not consistent: " + report.checks());
            }
        }
        lines.add("");
        lines.addAll(hops.rows());
        return lines;
    }

    private List<String> plansFor(String nodeId, Instant since) {
        return recoveries.plansFor(nodeId, since).stream()
                .map(plan -> plan.planId() + " " + plan.mode() + " (" + plan.modeReason() + ")").toList();
    }

    /**
     * Waits, bounded, until every node of the cluster is healthy with one leader, as its kind's status reader
     * says, and every earlier incident has been seen through.
     */
    private void awaitWholeAndNothingUnderWay(ClusterSpec spec) throws InterruptedException {
        StatusReader status = kinds.status(spec.kind());
        Polling.until(spec.id() + " whole and nothing under way", CYCLE_TIMEOUT,
                () -> whole(status.read(spec)) && recoveries.nothingUnderWay());
    }

    /** Every member healthy, and one leader for kinds that have one (Connect workers have none). */
    private static boolean whole(ClusterView view) {
        boolean leaderless = view.members().stream().allMatch(member -> member.role() == MemberRole.UNKNOWN);
        return (leaderless || view.leader().isPresent()) && view.members().stream().allMatch(MemberView::healthy);
    }

    private static String header(BenchmarkOptions options, Clock clock) {
        return "# Revive recovery benchmark, " + clock.instant() + ", " + options.cycles() + " cycles per kind ("
                + String.join(", ", options.kinds()) + "), " + Runtime.getRuntime().availableProcessors()
                + " cores, java " + System.getProperty("java.version") + ", load average at the start "
                + loadAverage() + "\n";
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or n/a: other work on the machine skews every hop. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
