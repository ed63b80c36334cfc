package dev.revive.e2e;

import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.targets.kind.ProbeResult;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.testkit.ConnectCluster;
import dev.revive.testkit.ConnectSpecs;
import dev.revive.testkit.ConnectWorker;
import dev.revive.testkit.LineSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the collector scenarios read from a stack with the collection targets: the counts of the collected pipeline,
 * the plans, faults and reports of one worker, and whether the collector is whole and quiet before a scenario.
 */
final class CollectorStack implements AutoCloseable {

    /** How long a recovery (or a report) may take. */
    static final Duration RECOVERY = Duration.ofMinutes(2);
    /** Source lines, topic records and sink lines must agree within 0.5 %. */
    static final double TOLERANCE = 0.005;
    /**
     * Four throughput windows and a margin since the collector's last fault, plan or report: the throughput baseline
     * is the window that ends one window before the fault's detection, and it must not hold the tail of an earlier
     * scenario's outage (a rebalance goes on for seconds after the event that a quiet of two windows waited for), nor
     * the time before the source file's first line (the first scenario after the stack's start read 5.4 records/s
     * against 20 that way).
     */
    private static final Duration QUIET = ConnectSpecs.THROUGHPUT_WINDOW.multipliedBy(4).plusSeconds(2);

    private final ReviveStack stack;
    private final CollectionTargets collection;
    private final Recoveries recoveries;
    private final TargetKinds kinds = TargetKinds.standard(new TargetSettings(Duration.ofSeconds(2)));

    CollectorStack(ReviveStack stack) {
        this.stack = stack;
        this.collection = stack.collection();
        this.recoveries = new Recoveries(stack.events());
    }

    /**
     * Source lines, topic records and sink lines at one moment: the topic's raw count (end minus beginning offsets),
     * its distinct values and repeats (an at-least-once source sends again what it had not committed when its worker
     * stopped), and the sink file's distinct lines and repeats.
     */
    record Counts(long sourceLines, long topicRecords, LineSource.Numbers topic, LineSource.Numbers sink) {

        /** Source lines, distinct topic records and distinct sink lines pairwise within {@code tolerance}. */
        boolean within(double tolerance) {
            return close(sourceLines, topic.distinct(), tolerance)
                    && close(topic.distinct(), sink.distinct(), tolerance)
                    && close(sourceLines, sink.distinct(), tolerance);
        }

        private static boolean close(long a, long b, double tolerance) {
            return Math.abs(a - b) <= tolerance * Math.max(a, b);
        }

        @Override
        public String toString() {
            return String.format("source %d line(s); topic %d record(s) = %d distinct + %d duplicate(s); sink %d "
                    + "distinct line(s) + %d duplicate(s)", sourceLines, topicRecords, topic.distinct(),
                    topic.duplicates(), sink.distinct(), sink.duplicates());
        }
    }

    ConnectCluster connect() {
        return collection.connect();
    }

    CollectionTargets collection() {
        return collection;
    }

    Recoveries recoveries() {
        return recoveries;
    }

    ClusterSpec spec() {
        return collection.collectorSpec();
    }

    /**
     * Every worker answering, both connectors RUNNING, nothing under way and nothing happened on the collector for
     * a throughput window and a little more: the throughput check compares the window before a fault with the one
     * after the recovery, and the window before must not hold the catch-up of an earlier scenario.
     */
    boolean wholeAndQuiet() {
        return allWorkersAnswer() && running(CollectionTargets.SOURCE) && running(CollectionTargets.SINK)
                && recoveries.nothingUnderWay() && quietForTheThroughputBaseline();
    }

    /**
     * Reads the counts until, at one reading, source lines, distinct topic records and distinct sink lines differ by
     * less than the tolerance: the source grows throughout, so a reading may catch a batch in flight; lost lines
     * would keep them apart.
     */
    Counts awaitCountsWithinTolerance() {
        return await("source lines, distinct topic records and distinct sink lines within 0.5 %").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500)).until(this::counts, c -> c.within(TOLERANCE));
    }

    /**
     * Reads against the flow, the sink first and the collected file last, so that every line counted downstream was
     * already counted upstream: the file keeps growing while the counts are read.
     */
    Counts counts() {
        String bootstrap = collection.kafka().bootstrap();
        LineSource.Numbers sink = LineSource.numbers(collection.sinkFile());
        LineSource.Numbers topic = LineSource.recordNumbers(bootstrap, CollectionTargets.TOPIC);
        long raw = LineSource.records(bootstrap, CollectionTargets.TOPIC);
        long source = LineSource.lines(collection.sourceFile());
        return new Counts(source, raw, topic, sink);
    }

    /** The collector's plans for {@code worker} created since {@code since}. */
    List<RecoveryPlan> plansFor(ConnectWorker worker, Instant since) {
        return recoveries.plansFor(worker.name(), since).stream()
                .filter(plan -> plan.clusterId().equals(CollectionTargets.COLLECTOR_ID)).toList();
    }

    /** The first report of a plan for {@code worker} since {@code since}. */
    RecoveryReport awaitReportFor(ConnectWorker worker, Instant since) {
        return await("report for " + worker.name()).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportsOf(plansFor(worker, since)).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** The faults about {@code worker} observed since {@code since}. */
    List<FaultEvent> faultsOf(ConnectWorker worker, Instant since) {
        return stack.events().faults().stream()
                .filter(fault -> CollectionTargets.COLLECTOR_ID.equals(fault.clusterId()))
                .filter(fault -> worker.name().equals(fault.nodeId()))
                .filter(fault -> !fault.observedAt().isBefore(since)).toList();
    }

    /** Whether every task of {@code connector} (at least one) is RUNNING. */
    boolean running(String connector) {
        List<String> states = connect().taskStates(connector);
        return !states.isEmpty() && states.stream().allMatch("RUNNING"::equals);
    }

    /** The check named {@code name} of the report. */
    static CheckResult check(RecoveryReport report, String name) {
        return report.checks().stream().filter(check -> check.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + describe(report)));
    }

    static void printReport(String scenario, RecoveryReport report) {
        System.out.println("[report] " + scenario + ": " + report.verdict());
        report.checks().forEach(check -> System.out.println("[report]   " + check.name() + " " + check.status() + " "
                + check.observed() + " " + check.evidence()));
    }

    /** The report as the verifier published it, for a failure message. */
    static String describe(RecoveryReport report) {
        return new String(Topics.REPORTS.valueSerde().serializer().serialize(Topics.REPORTS.name(), report),
                StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        kinds.close();
    }

    private boolean quietForTheThroughputBaseline() {
        Instant quietSince = Instant.now().minus(QUIET);
        String cluster = CollectionTargets.COLLECTOR_ID;
        boolean faults = stack.events().faults().stream().filter(f -> cluster.equals(f.clusterId()))
                .anyMatch(f -> f.observedAt().isAfter(quietSince));
        boolean plans = stack.events().plans().stream().filter(p -> cluster.equals(p.clusterId()))
                .anyMatch(p -> p.createdAt().isAfter(quietSince));
        boolean reports = stack.events().reports().stream().filter(r -> cluster.equals(r.clusterId()))
                .anyMatch(r -> r.timeline().verifiedAt().isAfter(quietSince));
        // the first scenario after the stack's start: the baseline window must not begin before the first line
        boolean collecting = collection.lines().startedAt().isBefore(quietSince);
        return collecting && !faults && !plans && !reports;
    }

    private boolean allWorkersAnswer() {
        return spec().nodes().stream().allMatch(node -> kinds.probe(spec().kind()).probe(spec(), node).outcome()
                == ProbeResult.Outcome.ANSWERED);
    }
}
