package dev.revive.targets.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.NodeMeasures;
import dev.revive.targets.kind.ProbeResult.Outcome;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.testkit.ConnectCluster;
import dev.revive.testkit.ConnectSpecs;
import dev.revive.testkit.ConnectWorker;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.LineSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kafka-connect kind against a real two-worker Connect cluster over an in-JVM Kafka broker. */
class ConnectKindIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    private static KafkaBroker broker;
    private static ConnectCluster cluster;
    private static ClusterSpec spec;
    private static ConnectPlugin plugin;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start();
        cluster = ConnectCluster.start(ConnectCluster.Settings.of(2, broker.bootstrapServers(), 1));
        spec = ConnectSpecs.describe("collect-1", cluster, cluster.directory());
        plugin = new ConnectPlugin(new TargetSettings(CALL_TIMEOUT));
    }

    @AfterAll
    static void stop() {
        if (plugin != null) {
            plugin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aRunningWorkerAnswersItsProbe() {
        assertThat(plugin.probe().probe(spec, node(cluster.worker(0))).outcome()).isEqualTo(Outcome.ANSWERED);
    }

    @Test
    void aFrozenWorkerTimesOutAndAKilledOneRefuses() {
        ConnectWorker worker = cluster.worker(1);
        cluster.pause(worker);
        try {
            assertThat(plugin.probe().probe(spec, node(worker)).outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(plugin.status().read(spec).members().get(1).answering()).isFalse();
        } finally {
            cluster.resume(worker);
        }
        cluster.kill(worker);
        try {
            assertThat(plugin.probe().probe(spec, node(worker)).outcome()).isEqualTo(Outcome.REFUSED);
        } finally {
            cluster.restart(worker);
            cluster.awaitReady(WAIT);
        }
        assertThat(plugin.probe().probe(spec, node(worker)).outcome()).isEqualTo(Outcome.ANSWERED);
    }

    @Test
    void aFailedTaskIsReportedAndRestartedThroughRestWithoutAProcessRestart() throws Exception {
        Path file = cluster.directory().resolve("failing-in.txt");
        broker.createTopics("failing");
        try (LineSource source = LineSource.start(file, 20)) {
            cluster.createFileSource("failing-source", file, "failing");
            cluster.awaitRunning("failing-source");
            ConnectWorker worker = cluster.workerOf("failing-source", 0).orElseThrow();
            long pid = worker.pid().orElseThrow();

            LineSource.makeUnreadable(file);
            cluster.restartTask("failing-source", 0);
            cluster.awaitTaskState("failing-source", "FAILED");

            var probe = plugin.probe().probe(spec, node(worker));
            assertThat(probe.outcome()).isEqualTo(Outcome.TASK_FAILED);
            assertThat(probe.error()).contains("failing-source/0").contains("Exception");
            assertThat(plugin.status().read(spec).members().stream()
                    .filter(member -> member.nodeId().equals(worker.name())).findFirst().orElseThrow().healthy())
                    .isFalse();

            LineSource.makeReadable(file);
            StepContext restart = context(worker, Action.RESTART_TASKS);
            assertThat(plugin.actions().get(Action.RESTART_TASKS).describe(restart)).contains("failing-source");
            StepOutcome outcome = plugin.actions().get(Action.RESTART_TASKS).execute(restart);

            assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SUCCEEDED);
            cluster.awaitRunning("failing-source");
            await().atMost(WAIT).until(() -> plugin.probe().probe(spec, node(worker)).isSuccess());
            assertThat(worker.pid()).hasValue(pid);
            assertThat(plugin.actions().get(Action.RESTART_TASKS).execute(restart).status())
                    .isEqualTo(StepStatus.SKIPPED);
        } finally {
            cluster.deleteConnector("failing-source");
        }
    }

    @Test
    void checksPassWithCountsWithinToleranceWhileALineSourceWrites() {
        Path in = cluster.directory().resolve("steady-in.txt");
        Path out = cluster.directory().resolve("steady-out.txt");
        broker.createTopics("steady");
        try (LineSource source = LineSource.start(in, 20, 10_000)) {
            cluster.createFileSource("steady-source", in, "steady");
            cluster.createFileSink("steady-sink", "steady", out);
            cluster.awaitRunning("steady-source");
            cluster.awaitRunning("steady-sink");
            await().atMost(WAIT).until(() -> LineSource.lines(out) >= 10_000);
            // a detection far enough ahead that the baseline window (which ends one window before it) is past the
            // backlog of 10,000 lines
            Instant detectedAt = Instant.now().plus(spec.policy().verification().throughputWindow().multipliedBy(2))
                    .plusSeconds(1);
            CheckRequest request = new CheckRequest(spec, null, 1, "plan-1", detectedAt);

            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<CheckFinding> findings = plugin.checks().round(request);
                Map<String, CheckStatus> statuses = findings.stream().collect(Collectors.toMap(
                        finding -> finding.result().name(), finding -> finding.result().status()));
                assertThat(statuses).as(findings.toString()).containsOnlyKeys("workers-answer",
                        "connectors-running", "collection-continues", "no-new-errors", "record-counts", "offsets-never-back", "throughput");
                assertThat(statuses.values()).as(findings.toString()).containsOnly(CheckStatus.PASS);
                assertThat(findings.stream().filter(f -> f.result().name().equals("record-counts")).findFirst()
                        .orElseThrow().result().evidence()).containsKeys("source steady-source", "sink steady-sink");
            });
            assertThat(source.written()).isGreaterThan(10_000);
        } finally {
            cluster.deleteConnector("steady-source");
            cluster.deleteConnector("steady-sink");
        }
    }

    @Test
    void theQuickLookAfterAWorkerIsGoneShowsItsTasksRunningOnTheSurvivorWithCountsWithinTolerance() {
        Path in = cluster.directory().resolve("standby-in.txt");
        Path out = cluster.directory().resolve("standby-out.txt");
        broker.createTopics("standby");
        try (LineSource source = LineSource.start(in, 20)) {
            cluster.createFileSource("standby-source", in, "standby");
            cluster.createFileSink("standby-sink", "standby", out);
            cluster.awaitRunning("standby-source");
            cluster.awaitRunning("standby-sink");
            await().atMost(WAIT).until(() -> LineSource.lines(out) > 0);
            ConnectWorker gone = cluster.workerOf("standby-source", 0).orElseThrow();
            ConnectWorker survivor = cluster.workers().stream().filter(worker -> worker != gone).findFirst()
                    .orElseThrow();

            cluster.kill(gone);
            try {
                Map<String, CheckFinding> look = plugin.checks().quickLook(new CheckRequest(spec, null, 1,
                        "plan-standby", Instant.now())).stream().collect(Collectors.toMap(
                        finding -> finding.result().name(), finding -> finding));

                assertThat(look).as(look.toString()).containsKeys("workers-answer", "connectors-running",
                        "collection-continues", "no-new-errors", "record-counts");
                assertThat(look.get("workers-answer").result().observed()).isEqualTo("not answering: " + gone.name());
                assertThat(look.get("collection-continues").result()).satisfies(check -> {
                    assertThat(check.status()).as(check.toString()).isEqualTo(CheckStatus.PASS);
                    assertThat(check.evidence().get(survivor.name())).contains("standby-source/0 RUNNING",
                            "standby-sink/0 RUNNING");
                    assertThat(check.evidence()).containsEntry(gone.name(),
                            "does not answer; no task is assigned to it");
                });
                assertThat(look.get("record-counts").kind()).isEqualTo(CheckFinding.Kind.DATA);
                assertThat(look.get("record-counts").result().status()).as(look.get("record-counts").toString())
                        .isEqualTo(CheckStatus.PASS);
            } finally {
                cluster.restart(gone);
                cluster.awaitReady(WAIT);
            }
        } finally {
            cluster.deleteConnector("standby-source");
            cluster.deleteConnector("standby-sink");
        }
    }

    @Test
    void recordCountsFailWhenTheSinkFileLostLines() throws Exception {
        Path in = cluster.directory().resolve("lossy-in.txt");
        Path out = cluster.directory().resolve("lossy-out.txt");
        broker.createTopics("lossy");
        try (LineSource source = LineSource.start(in, 20, 2_000)) {
            cluster.createFileSource("lossy-source", in, "lossy");
            cluster.createFileSink("lossy-sink", "lossy", out);
            cluster.awaitRunning("lossy-source");
            cluster.awaitRunning("lossy-sink");
            await().atMost(WAIT).until(() -> LineSource.lines(out) >= 2_000);

            java.nio.file.Files.write(out, new byte[0]);

            List<CheckFinding> findings = plugin.checks().round(new CheckRequest(spec, null, 1));
            Map<String, CheckStatus> statuses = findings.stream().collect(Collectors.toMap(
                    finding -> finding.result().name(), finding -> finding.result().status()));
            assertThat(statuses).as(findings.toString()).containsEntry("workers-answer", CheckStatus.PASS)
                    .containsEntry("record-counts", CheckStatus.FAIL);
        } finally {
            cluster.deleteConnector("lossy-source");
            cluster.deleteConnector("lossy-sink");
        }
    }

    @Test
    void successRateIsAboutAHundredPercentWhileTheSourceCollectsAndLowWhileItIsPaused() throws Exception {
        Path in = cluster.directory().resolve("rate-in.txt");
        broker.createTopics("rate");
        try (LineSource source = LineSource.start(in, 20)) {
            cluster.createFileSource("rate-source", in, "rate");
            cluster.awaitRunning("rate-source");
            NodeSpec node = node(cluster.workerOf("rate-source", 0).orElseThrow());
            plugin.measures().measure(spec, node);

            List<Double> collecting = new java.util.ArrayList<>();
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(plugin.measures().measure(spec, node)).hasEntrySatisfying(
                            NodeMeasures.SUCCESS_RATE_PERCENT, rate -> {
                                collecting.add(rate);
                                assertThat(rate).isGreaterThanOrEqualTo(95.0);
                            }));

            Connectors.pause(node.endpoints().client(), "rate-source");
            await().atMost(WAIT).until(() -> cluster.taskStates("rate-source").equals(List.of("PAUSED")));
            plugin.measures().measure(spec, node);

            List<Double> paused = new java.util.ArrayList<>();
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(plugin.measures().measure(spec, node)).hasEntrySatisfying(
                            NodeMeasures.SUCCESS_RATE_PERCENT, rate -> {
                                paused.add(rate);
                                assertThat(rate).isLessThan(95.0);
                            }));
            System.out.println("[measure] success rate % while collecting: " + collecting + ", while paused: "
                    + paused);
        } finally {
            cluster.deleteConnector("rate-source");
        }
    }

    @Test
    void aFrozenSinkWorkersProbeSaysWhatTheLagOfItsGroupShows() {
        Path in = cluster.directory().resolve("lag-in.txt");
        Path out = cluster.directory().resolve("lag-out.txt");
        broker.createTopics("lagging");
        try (LineSource source = LineSource.start(in, 20)) {
            cluster.createFileSource("lag-source", in, "lagging");
            cluster.createFileSink("lag-sink", "lagging", out);
            cluster.awaitRunning("lag-source");
            cluster.awaitRunning("lag-sink");
            ConnectWorker sinkWorker = cluster.workerOf("lag-sink", 0).orElseThrow();
            boolean sourceElsewhere = !cluster.workerOf("lag-source", 0).orElseThrow().equals(sinkWorker);
            await().atMost(WAIT).until(() -> LineSource.lines(out) > 0);
            await("probes that let the sampler see the sink and fill its window").atMost(WAIT)
                    .during(SinkLag.SINKS_EVERY.plus(LagWindow.SPAN)).pollInterval(Duration.ofMillis(500))
                    .until(() -> plugin.probe().probe(spec, node(sinkWorker)).isSuccess());

            cluster.pause(sinkWorker);
            List<String> errors = new java.util.ArrayList<>();
            try {
                await().atMost(WAIT).untilAsserted(() -> {
                    var probe = plugin.probe().probe(spec, node(sinkWorker));
                    errors.add(probe.error());
                    assertThat(probe.outcome()).isEqualTo(Outcome.TIMEOUT);
                    assertThat(probe.error()).contains("lag ");
                    if (sourceElsewhere) {
                        assertThat(probe.error()).containsAnyOf("lag STALL on lagging-0 of connect-lag-sink",
                                "lag STOP on lagging-0 of connect-lag-sink");
                    }
                });
            } finally {
                cluster.resume(sinkWorker);
            }
            System.out.println("[lag] source on another worker: " + sourceElsewhere + "; probe errors while frozen: "
                    + errors);
        } finally {
            cluster.deleteConnector("lag-source");
            cluster.deleteConnector("lag-sink");
        }
    }

    private static NodeSpec node(ConnectWorker worker) {
        return spec.node(worker.name()).orElseThrow();
    }

    private static StepContext context(ConnectWorker worker, Action action) {
        PlanStep step = new PlanStep("01-restart-tasks", action, worker.name(),
                StepParams.within(Duration.ofSeconds(30)), OnFailure.ABORT);
        RecoveryPlan plan = new RecoveryPlan("inc-1-r1", "inc-1", spec.id(), 1, PlanScope.NODE, PlanMode.AUTO, null,
                List.of("fault-1"), List.of(step), Instant.now(), Instant.now());
        return new StepContext(plan, step, spec);
    }
}
