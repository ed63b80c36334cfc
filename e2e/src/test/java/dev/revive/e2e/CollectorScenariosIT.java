package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.kind.ProbeResult;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.testkit.ConnectCluster;
import dev.revive.testkit.ConnectSpecs;
import dev.revive.testkit.ConnectWorker;
import dev.revive.testkit.LineSource;
import dev.revive.testkit.Signals;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-collection system on the whole stack: two Connect workers (spec {@code demo-collector}, kind
 * kafka-connect) collecting a file that grows throughout into topic {@code collected} of a three-node target Kafka
 * cluster and back out to a sink file. Each scenario breaks one worker or one connector of its own and waits for what
 * Revive must do; the counts (source lines, topic records, sink lines) are printed for every scenario.
 */
class CollectorScenariosIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);
    private static final Duration SHORT_PAUSE = Duration.ofSeconds(2);
    private static final double TOLERANCE = 0.005;
    private static final int FAILING_LINES = 50;
    /** Two throughput windows and a margin: the baseline window ends one window before the fault's detection. */
    private static final Duration QUIET = ConnectSpecs.THROUGHPUT_WINDOW.multipliedBy(2).plusSeconds(2);
    private static final List<Action> PROCESS_ACTIONS = List.of(Action.STOP, Action.FORCE_KILL, Action.START);

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static CollectionTargets collection;
    private static Recoveries recoveries;
    private static OperatorApi api;
    private static TargetKinds kinds;

    @BeforeAll
    static void startRevive() throws Exception {
        stack = ReviveStack.startWithCollection(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[e2e] " + line));
        collection = stack.collection();
        recoveries = new Recoveries(stack.events());
        api = new OperatorApi(stack);
        kinds = TargetKinds.standard(new TargetSettings(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stopReviveAndLeaveNoProcessBehind() {
        if (kinds != null) {
            kinds.close();
        }
        if (stack == null) {
            return;
        }
        String connectDir = collection.connect().directory().toString();
        stack.close();

        assertThat(stack.services()).noneMatch(ServiceProcess::isAlive);
        assertThat(ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains(connectDir))).as("Connect workers left running").isEmpty();
    }

    @BeforeEach
    void everyWorkerAnswersEveryConnectorRunsAndNothingIsUnderWay() {
        await("every worker answering, both connectors RUNNING, nothing under way").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> allWorkersAnswer() && running(CollectionTargets.SOURCE) && running(CollectionTargets.SINK)
                        && recoveries.nothingUnderWay() && quietForAThroughputWindow());
    }

    @Test
    void workerKilledMidIngestIsRestartedAndItsCountsStayWithinTolerance() {
        ConnectWorker worker = await("a worker runs the source task").atMost(RECOVERY)
                .until(() -> connect().workerOf(CollectionTargets.SOURCE, 0), Optional::isPresent).orElseThrow();
        long pid = worker.pid().orElseThrow();
        Instant since = Instant.now();

        connect().kill(worker);

        RecoveryReport report = awaitReportFor(worker, since);
        printReport("killed worker " + worker.name(), report);
        assertThat(recoveries.reportsOf(plansFor(worker, since))).hasSize(1);
        assertThat(recoveries.planOf(report).orElseThrow().steps()).extracting(PlanStep::action).containsExactly(
                Action.STOP, Action.FORCE_KILL, Action.CLEAN_TEMP, Action.START, Action.AWAIT_HEALTHY,
                Action.AWAIT_CAUGHT_UP);
        assertThat(worker.pid().orElseThrow()).as("a new worker process").isNotEqualTo(pid);
        Counts counts = awaitCountsWithinTolerance();
        System.out.println("[counts] worker killed mid-ingest: " + counts);
        assertThat(counts.sink().distinct()).as("no line delivered that was not written").isLessThanOrEqualTo(
                counts.sourceLines());
        assertThat(check(report, "record-counts")).satisfies(check -> {
            assertThat(check.evidence()).containsKeys("source " + CollectionTargets.SOURCE,
                    "sink " + CollectionTargets.SINK);
            assertThat(check.status()).as(check.toString()).isEqualTo(CheckStatus.PASS);
        });
        assertThat(report.verdict()).as(describe(report)).isEqualTo(Verdict.CONSISTENT);
    }

    @Test
    void failedTaskIsRestartedThroughTheRestApiWithoutAnyProcessRestart() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String connector = "failing-source-" + suffix;
        String topic = "failing-" + suffix;
        Path file = Files.createDirectories(runDir.resolve("failing")).resolve(connector + ".log");
        Files.writeString(file, LongStream.rangeClosed(1, FAILING_LINES).mapToObj(n -> LineSource.PREFIX + n + "\n")
                .collect(Collectors.joining()), StandardCharsets.UTF_8);
        collection.kafka().createTopic(topic, 1);
        Map<String, Long> pids = pids();
        Instant since = Instant.now();
        LineSource.makeUnreadable(file);
        try {
            connect().createFileSource(connector, file, topic);
            connect().awaitTaskState(connector, "FAILED");
            ConnectWorker worker = connect().workerOf(connector, 0).orElseThrow();

            FaultEvent fault = await("Revive sees the failed task").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                    .until(() -> faultsOf(worker, since).stream().filter(f -> f.kind() == FaultKind.TASK_FAILED)
                            .findFirst(), Optional::isPresent).orElseThrow();
            LineSource.makeReadable(file);

            RecoveryReport report = awaitReportFor(worker, since);
            printReport("failed task of " + connector + " on " + worker.name(), report);
            assertThat(fault.evidence().toString()).contains(connector);
            List<RecoveryPlan> plans = plansFor(worker, since);
            assertThat(plans.stream().filter(plan -> plan.mode().executable()).toList()).singleElement()
                    .satisfies(plan -> assertThat(plan.steps()).extracting(PlanStep::stepId)
                            .containsExactly("01-restart-tasks", "02-await-healthy"));
            assertThat(plans).flatExtracting(RecoveryPlan::steps).extracting(PlanStep::action)
                    .doesNotContainAnyElementsOf(PROCESS_ACTIONS);
            assertThat(recoveries.reportsOf(plans)).hasSize(1);
            assertThat(connect().taskStates(connector)).containsOnly("RUNNING");
            assertThat(pids()).as("no worker process restarted").isEqualTo(pids);
            long records = await("every line of the restored file collected").atMost(RECOVERY)
                    .until(() -> LineSource.records(collection.kafka().bootstrap(), topic), n -> n >= FAILING_LINES);
            System.out.printf("[counts] failed task: %d line(s) in %s, %d record(s) in %s%n", FAILING_LINES,
                    file.getFileName(), records, topic);
            assertThat(records).isEqualTo(FAILING_LINES);
            System.out.println("[counts] failed task, collected pipeline: " + awaitCountsWithinTolerance());
            assertThat(report.verdict()).as(describe(report)).isEqualTo(Verdict.CONSISTENT);
        } finally {
            if (Files.isSymbolicLink(file)) {
                LineSource.makeReadable(file);
            }
            connect().deleteConnector(connector);
        }
    }

    @Test
    void workerPausedPastTheConfirmWindowIsRestartedExactlyOnce() {
        ConnectWorker worker = connect().worker(1);
        long pausedPid = worker.pid().orElseThrow();
        Instant since = Instant.now();

        try {
            assertThat(Signals.send(pausedPid, "STOP")).isTrue();

            RecoveryReport report = awaitReportFor(worker, since);
            printReport("worker " + worker.name() + " paused past the window", report);
            assertThat(report.verdict()).as(describe(report)).isEqualTo(Verdict.CONSISTENT);
            List<RecoveryPlan> plans = plansFor(worker, since).stream().filter(plan -> plan.mode().executable())
                    .toList();
            assertThat(plans).singleElement().satisfies(plan -> assertThat(plan.steps()).extracting(PlanStep::action)
                    .containsSubsequence(Action.STOP, Action.FORCE_KILL, Action.START));
            assertThat(recoveries.reportsOf(plans)).hasSize(1);
            assertThat(recoveries.stepsOf(plans.get(0))).filteredOn(step -> step.action() == Action.START
                    && step.status() == StepStatus.SUCCEEDED).hasSize(1);
            assertThat(ProcessHandle.of(pausedPid).filter(ProcessHandle::isAlive)).as("the hung process is gone")
                    .isEmpty();
            assertThat(worker.pid().orElseThrow()).as("one new process").isNotEqualTo(pausedPid);
            System.out.println("[counts] worker paused past the window: " + awaitCountsWithinTolerance());
        } finally {
            Signals.send(pausedPid, "CONT");
        }
    }

    @Test
    void workerPausedShorterThanTheConfirmWindowGetsNoRestart() throws Exception {
        ConnectWorker worker = connect().worker(0);
        long pid = worker.pid().orElseThrow();
        Instant startedAt = startTime(worker);
        Instant since = Instant.now();

        pauseFor(worker, SHORT_PAUSE);
        await("the hang was seen and then its end").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> faultsOf(worker, since).stream().map(FaultEvent::kind).toList(),
                        seen -> seen.stream().anyMatch(kind -> kind != FaultKind.RECOVERED)
                                && seen.contains(FaultKind.RECOVERED));
        FaultEvent marker = notice(worker, "after-short-pause");
        assertThat(api.postFault(marker).statusCode()).isEqualTo(202);

        await("the marker, published after the recovery, was planned").atMost(RECOVERY)
                .until(() -> !recoveries.plansCausedBy(Set.of(marker.faultId())).isEmpty());
        List<RecoveryPlan> plans = plansFor(worker, since);
        assertThat(plans).flatExtracting(RecoveryPlan::steps).extracting(PlanStep::action)
                .as("no plan stops or starts the paused worker").doesNotContainAnyElementsOf(PROCESS_ACTIONS);
        assertThat(recoveries.stepsOf(plans)).extracting(StepEvent::action).doesNotContainAnyElementsOf(PROCESS_ACTIONS);
        assertThat(worker.pid()).hasValue(pid);
        assertThat(startTime(worker)).isEqualTo(startedAt);
        System.out.println("[counts] worker paused " + SHORT_PAUSE.toSeconds() + " s: "
                + awaitCountsWithinTolerance());
    }

    /**
     * Source lines, topic records and sink lines at one moment: the topic's raw count (end minus beginning offsets),
     * its distinct values and repeats (an at-least-once source sends again what it had not committed when its worker
     * stopped), and the sink file's distinct lines and repeats.
     */
    record Counts(long sourceLines, long topicRecords, LineSource.Numbers topic, LineSource.Numbers sink) {

        /** Source lines, distinct topic records and distinct sink lines pairwise within {@code tolerance}. */
        boolean within(double tolerance) {
            return close(sourceLines, topic.distinct(), tolerance) && close(topic.distinct(), sink.distinct(), tolerance)
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

    /**
     * Reads the counts until, at one reading, source lines, distinct topic records and distinct sink lines differ by
     * less than the tolerance: the source grows throughout, so a reading may catch a batch in flight; lost lines
     * would keep them apart.
     */
    private static Counts awaitCountsWithinTolerance() {
        return await("source lines, distinct topic records and distinct sink lines within 0.5 %").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500)).until(CollectorScenariosIT::counts, c -> c.within(TOLERANCE));
    }

    /**
     * Reads against the flow, the sink first and the collected file last, so that every line counted downstream was
     * already counted upstream: the file keeps growing while the counts are read.
     */
    private static Counts counts() {
        String bootstrap = collection.kafka().bootstrap();
        LineSource.Numbers sink = LineSource.numbers(collection.sinkFile());
        LineSource.Numbers topic = LineSource.recordNumbers(bootstrap, CollectionTargets.TOPIC);
        long raw = LineSource.records(bootstrap, CollectionTargets.TOPIC);
        long source = LineSource.lines(collection.sourceFile());
        return new Counts(source, raw, topic, sink);
    }

    /**
     * True when nothing happened on the collector for a throughput window and a little more: the throughput check
     * compares the window before a fault with the one after the recovery, and the window before must not hold the
     * catch-up of an earlier scenario.
     */
    private static boolean quietForAThroughputWindow() {
        Instant quietSince = Instant.now().minus(QUIET);
        String cluster = CollectionTargets.COLLECTOR_ID;
        boolean faults = stack.events().faults().stream().filter(f -> cluster.equals(f.clusterId()))
                .anyMatch(f -> f.observedAt().isAfter(quietSince));
        boolean plans = stack.events().plans().stream().filter(p -> cluster.equals(p.clusterId()))
                .anyMatch(p -> p.createdAt().isAfter(quietSince));
        boolean reports = stack.events().reports().stream().filter(r -> cluster.equals(r.clusterId()))
                .anyMatch(r -> r.timeline().verifiedAt().isAfter(quietSince));
        return !faults && !plans && !reports;
    }

    private static ConnectCluster connect() {
        return collection.connect();
    }

    private static ClusterSpec spec() {
        return collection.collectorSpec();
    }

    private static List<RecoveryPlan> plansFor(ConnectWorker worker, Instant since) {
        return recoveries.plansFor(worker.name(), since).stream()
                .filter(plan -> plan.clusterId().equals(CollectionTargets.COLLECTOR_ID)).toList();
    }

    private static RecoveryReport awaitReportFor(ConnectWorker worker, Instant since) {
        return await("report for " + worker.name()).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportsOf(plansFor(worker, since)).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static List<FaultEvent> faultsOf(ConnectWorker worker, Instant since) {
        return stack.events().faults().stream().filter(fault -> CollectionTargets.COLLECTOR_ID.equals(fault.clusterId()))
                .filter(fault -> worker.name().equals(fault.nodeId()))
                .filter(fault -> !fault.observedAt().isBefore(since)).toList();
    }

    private static CheckResult check(RecoveryReport report, String name) {
        return report.checks().stream().filter(check -> check.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + describe(report)));
    }

    private static void printReport(String scenario, RecoveryReport report) {
        System.out.println("[report] " + scenario + ": " + report.verdict());
        report.checks().forEach(check -> System.out.println("[report]   " + check.name() + " " + check.status() + " "
                + check.observed() + " " + check.evidence()));
    }

    /** The report as the verifier published it, for a failure message. */
    private static String describe(RecoveryReport report) {
        return new String(Topics.REPORTS.valueSerde().serializer().serialize(Topics.REPORTS.name(), report),
                StandardCharsets.UTF_8);
    }

    private static Map<String, Long> pids() {
        return connect().workers().stream().collect(Collectors.toMap(ConnectWorker::name,
                worker -> worker.pid().orElse(-1)));
    }

    private static boolean running(String connector) {
        List<String> states = connect().taskStates(connector);
        return !states.isEmpty() && states.stream().allMatch("RUNNING"::equals);
    }

    private static boolean allWorkersAnswer() {
        return spec().nodes().stream().allMatch(node -> kinds.probe(spec().kind()).probe(spec(), node).outcome()
                == ProbeResult.Outcome.ANSWERED);
    }

    private static Instant startTime(ConnectWorker worker) {
        return worker.processHandle().flatMap(handle -> handle.info().startInstant()).orElseThrow();
    }

    /** Stops the worker's process with SIGSTOP and resumes it with SIGCONT after {@code pause}. */
    private static void pauseFor(ConnectWorker worker, Duration pause) throws InterruptedException {
        long pid = worker.pid().orElseThrow();
        ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThat(Signals.send(pid, "STOP")).isTrue();
            resumer.schedule(() -> Signals.send(pid, "CONT"), pause.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            resumer.shutdown();
            if (!resumer.awaitTermination(pause.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                Signals.send(pid, "CONT");
            }
        }
    }

    /** A WARNING about the other worker: the planner answers it with a NOTICE plan, a sign that it read that far. */
    private static FaultEvent notice(ConnectWorker paused, String id) {
        ConnectWorker other = connect().workers().stream().filter(w -> w != paused).findFirst().orElseThrow();
        String unique = id + "-" + UUID.randomUUID().toString().substring(0, 8);
        String cluster = CollectionTargets.COLLECTOR_ID;
        return new FaultEvent(unique, cluster, other.name(), FaultKind.UNHEALTHY, Severity.WARNING, Instant.now(),
                "e2e-alertmanager", Map.of("alert", FaultKind.UNHEALTHY.name()), cluster + "/" + other.name() + "/"
                + unique);
    }
}
