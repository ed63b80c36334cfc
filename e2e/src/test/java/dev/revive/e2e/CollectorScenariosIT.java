package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.testkit.ConnectCluster;
import dev.revive.testkit.ConnectWorker;
import dev.revive.testkit.LineSource;
import dev.revive.testkit.Signals;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-collection system on the whole stack: two Connect workers (spec {@code demo-collector}, kind
 * kafka-connect) collecting a file that grows throughout into topic {@code collected} of a three-node target Kafka
 * cluster and back out to a sink file. Each scenario breaks one worker or one connector of its own and waits for what
 * Revive must do; the counts (source lines, topic records, sink lines) are printed for every scenario.
 */
@Tag("runs-alone") // its verification compares throughput with the baseline before the fault (±15 %)
class CollectorScenariosIT {

    private static final Duration RECOVERY = CollectorStack.RECOVERY;
    private static final Duration SHORT_PAUSE = Duration.ofSeconds(2);
    private static final int FAILING_LINES = 50;
    private static final List<Action> PROCESS_ACTIONS = List.of(Action.STOP, Action.FORCE_KILL, Action.START);

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static CollectionTargets collection;
    private static Recoveries recoveries;
    private static OperatorApi api;
    private static CollectorStack collector;

    @BeforeAll
    static void startRevive() throws Exception {
        stack = ReviveStack.startWithCollection(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[e2e] " + line));
        collection = stack.collection();
        collector = new CollectorStack(stack);
        recoveries = collector.recoveries();
        api = new OperatorApi(stack);
    }

    @AfterAll
    static void stopReviveAndLeaveNoProcessBehind() {
        if (collector != null) {
            collector.close();
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
                .until(collector::wholeAndQuiet);
    }

    @Test
    void workerKilledMidIngestIsRestartedAndItsCountsStayWithinTolerance() {
        ConnectWorker worker = await("a worker runs the source task").atMost(RECOVERY)
                .until(() -> connect().workerOf(CollectionTargets.SOURCE, 0), Optional::isPresent).orElseThrow();
        long pid = worker.pid().orElseThrow();
        Instant since = Instant.now();

        connect().kill(worker);

        RecoveryReport report = collector.awaitReportFor(worker, since);
        CollectorStack.printReport("killed worker " + worker.name(), report);
        assertThat(recoveries.reportsOf(collector.plansFor(worker, since))).hasSize(1);
        assertThat(recoveries.planOf(report).orElseThrow().steps()).extracting(PlanStep::action).containsExactly(
                Action.STOP, Action.FORCE_KILL, Action.CLEAN_TEMP, Action.START, Action.AWAIT_HEALTHY,
                Action.AWAIT_CAUGHT_UP);
        assertThat(worker.pid().orElseThrow()).as("a new worker process").isNotEqualTo(pid);
        CollectorStack.Counts counts = collector.awaitCountsWithinTolerance();
        System.out.println("[counts] worker killed mid-ingest: " + counts);
        assertThat(counts.sink().distinct()).as("no line delivered that was not written").isLessThanOrEqualTo(
                counts.sourceLines());
        assertThat(CollectorStack.check(report, "record-counts")).satisfies(check -> {
            assertThat(check.evidence()).containsKeys("source " + CollectionTargets.SOURCE,
                    "sink " + CollectionTargets.SINK);
            assertThat(check.status()).as(check.toString()).isEqualTo(CheckStatus.PASS);
        });
        assertThat(report.verdict()).as(CollectorStack.describe(report)).isEqualTo(Verdict.CONSISTENT);
    }

    /**
     * The standby case: a worker killed whose start keeps failing (its properties file unreadable) is restarted once;
     * the plan aborts, the incident escalates and no further plan fights it, while the other worker takes its tasks
     * after the rebalance delay; the FAILED report shows the collection carrying on there, counts within 0.5 %.
     */
    @Test
    void workerThatCannotComeBackIsEscalatedNotFoughtWhileTheOtherCarriesItsTasks() throws Exception {
        ConnectWorker dead = await("a worker runs the source task").atMost(RECOVERY)
                .until(() -> connect().workerOf(CollectionTargets.SOURCE, 0), Optional::isPresent).orElseThrow();
        ConnectWorker survivor = connect().workers().stream().filter(w -> w != dead).findFirst().orElseThrow();
        Instant since = Instant.now();
        try {
            connect().kill(dead);
            connect().preventStart(dead);

            RecoveryReport report = collector.awaitReportFor(dead, since);
            CollectorStack.printReport("worker " + dead.name() + " that cannot come back", report);
            RecoveryPlan restart = recoveries.planOf(report).orElseThrow();
            List<StepEvent> steps = recoveries.stepsOf(restart);
            steps.forEach(step -> System.out.println("[steps]   " + step.stepId() + " #" + step.attempt() + " "
                    + step.status() + " " + step.detail()));
            assertThat(steps).filteredOn(step -> step.action() == Action.START).extracting(StepEvent::status)
                    .as("the process was launched").contains(StepStatus.SUCCEEDED);
            PlanStep awaitHealthy = restart.steps().stream().filter(step -> step.action() == Action.AWAIT_HEALTHY)
                    .findFirst().orElseThrow();
            assertThat(steps).filteredOn(step -> step.action() == Action.AWAIT_HEALTHY
                    && step.status() == StepStatus.FAILED).as("the new process exited: every attempt failed")
                    .hasSize(awaitHealthy.params().attempts())
                    .allSatisfy(step -> assertThat(step.detail()).contains("not running any more"));
            assertThat(steps).extracting(StepEvent::action).doesNotContain(Action.AWAIT_CAUGHT_UP);
            List<PlanOutcome> outcomes = recoveries.outcomesOf(List.of(restart));
            assertThat(outcomes).extracting(PlanOutcome::outcome).containsExactly(Outcome.PLAN_ABORTED);
            PlanOutcome aborted = outcomes.get(0);
            System.out.printf("[timing] killed at %s; detected +%d ms; plan aborted +%d ms; report +%d ms%n", since,
                    millis(since, report.timeline().detectedAt()), millis(since, aborted.at()),
                    millis(since, report.timeline().verifiedAt()));
            assertThat(incidentState(restart)).as("the planner's view of the incident").isEqualTo("ESCALATED");

            assertThat(report.verdict()).as(CollectorStack.describe(report)).isEqualTo(Verdict.FAILED);
            assertThat(CollectorStack.check(report, "workers-answer").observed())
                    .isEqualTo("not answering: " + dead.name());
            assertThat(CollectorStack.check(report, "collection-continues")).satisfies(check -> {
                assertThat(check.status()).as(check.toString()).isEqualTo(CheckStatus.PASS);
                assertThat(check.evidence().get(survivor.name())).contains(CollectionTargets.SOURCE + "/0 RUNNING",
                        CollectionTargets.SINK + "/0 RUNNING");
                assertThat(check.evidence()).containsEntry(dead.name(), "does not answer; no task is assigned to it");
            });
            assertThat(CollectorStack.check(report, "record-counts").status()).isEqualTo(CheckStatus.PASS);

            FaultEvent marker = notice(dead, "after-escalation");
            assertThat(api.postFault(marker).statusCode()).isEqualTo(202);
            await("the marker, published after the escalation, was planned").atMost(RECOVERY)
                    .until(() -> !recoveries.plansCausedBy(Set.of(marker.faultId())).isEmpty());
            assertThat(collector.plansFor(dead, since)).filteredOn(plan -> plan.mode().executable())
                    .as("one restart, not a loop").containsExactly(restart);
            assertThat(dead.isAlive()).isFalse();
            assertThat(connect().workerOf(CollectionTargets.SOURCE, 0)).hasValue(survivor);
            System.out.println("[counts] worker that cannot come back, collection on " + survivor.name() + ": "
                    + collector.awaitCountsWithinTolerance());
        } finally {
            if (connect().startPrevented(dead)) {
                connect().allowStart(dead);
            }
            if (!dead.isAlive()) {
                connect().restart(dead);
            }
        }
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
                    .until(() -> collector.faultsOf(worker, since).stream()
                            .filter(f -> f.kind() == FaultKind.TASK_FAILED).findFirst(), Optional::isPresent)
                    .orElseThrow();
            LineSource.makeReadable(file);

            RecoveryReport report = collector.awaitReportFor(worker, since);
            CollectorStack.printReport("failed task of " + connector + " on " + worker.name(), report);
            assertThat(fault.evidence().toString()).contains(connector);
            List<RecoveryPlan> plans = collector.plansFor(worker, since);
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
            System.out.println("[counts] failed task, collected pipeline: "
                    + collector.awaitCountsWithinTolerance());
            assertThat(report.verdict()).as(CollectorStack.describe(report)).isEqualTo(Verdict.CONSISTENT);
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

            RecoveryReport report = collector.awaitReportFor(worker, since);
            CollectorStack.printReport("worker " + worker.name() + " paused past the window", report);
            assertThat(report.verdict()).as(CollectorStack.describe(report)).isEqualTo(Verdict.CONSISTENT);
            List<RecoveryPlan> plans = collector.plansFor(worker, since).stream()
                    .filter(plan -> plan.mode().executable()).toList();
            assertThat(plans).singleElement().satisfies(plan -> assertThat(plan.steps()).extracting(PlanStep::action)
                    .containsSubsequence(Action.STOP, Action.FORCE_KILL, Action.START));
            assertThat(recoveries.reportsOf(plans)).hasSize(1);
            assertThat(recoveries.stepsOf(plans.get(0))).filteredOn(step -> step.action() == Action.START
                    && step.status() == StepStatus.SUCCEEDED).hasSize(1);
            assertThat(ProcessHandle.of(pausedPid).filter(ProcessHandle::isAlive)).as("the hung process is gone")
                    .isEmpty();
            assertThat(worker.pid().orElseThrow()).as("one new process").isNotEqualTo(pausedPid);
            System.out.println("[counts] worker paused past the window: " + collector.awaitCountsWithinTolerance());
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

        Pauses.pauseFor(worker.pid().orElseThrow(), SHORT_PAUSE);
        await("the hang was seen and then its end").atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> collector.faultsOf(worker, since).stream().map(FaultEvent::kind).toList(),
                        seen -> seen.stream().anyMatch(kind -> kind != FaultKind.RECOVERED)
                                && seen.contains(FaultKind.RECOVERED));
        FaultEvent marker = notice(worker, "after-short-pause");
        assertThat(api.postFault(marker).statusCode()).isEqualTo(202);

        await("the marker, published after the recovery, was planned").atMost(RECOVERY)
                .until(() -> !recoveries.plansCausedBy(Set.of(marker.faultId())).isEmpty());
        List<RecoveryPlan> plans = collector.plansFor(worker, since);
        assertThat(plans).flatExtracting(RecoveryPlan::steps).extracting(PlanStep::action)
                .as("no plan stops or starts the paused worker").doesNotContainAnyElementsOf(PROCESS_ACTIONS);
        assertThat(recoveries.stepsOf(plans)).extracting(StepEvent::action).doesNotContainAnyElementsOf(PROCESS_ACTIONS);
        assertThat(worker.pid()).hasValue(pid);
        assertThat(startTime(worker)).isEqualTo(startedAt);
        System.out.println("[counts] worker paused " + SHORT_PAUSE.toSeconds() + " s: "
                + collector.awaitCountsWithinTolerance());
    }

    private static ConnectCluster connect() {
        return collection.connect();
    }

    private static Map<String, Long> pids() {
        return connect().workers().stream().collect(Collectors.toMap(ConnectWorker::name,
                worker -> worker.pid().orElse(-1)));
    }


    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    /** The incident state the planner shows for {@code plan} ({@code GET /plans/{planId}}). */
    private static String incidentState(RecoveryPlan plan) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.service("planner").url()
                + "/plans/" + plan.planId())).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + stack.apiToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).path("state").asText();
    }

    private static Instant startTime(ConnectWorker worker) {
        return worker.processHandle().flatMap(handle -> handle.info().startInstant()).orElseThrow();
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
