package dev.revive.targets.connect;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.TargetException;
import dev.revive.targets.check.NewLogErrors;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.ClusterCheckSet;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verification of a Kafka Connect cluster, the collection runbook's list. HEALTH: every worker's REST root
 * answers 200 ({@code workers-answer}); every connector and task RUNNING ({@code connectors-running}); no new ERROR
 * line in any worker's log since the restart ({@code no-new-errors}). DATA ({@link CollectionChecks}): the file
 * pipelines' counts, the sink connectors' committed offsets, the throughput before and after.
 * The throughput windows are the spec's {@code policy.verification.throughputWindow}.
 */
public final class ConnectChecks implements ClusterCheckSet {

    static final String WORKERS = "workers-answer";
    static final String CONNECTORS = "connectors-running";

    private final ConnectRest rest;
    private final Duration callTimeout;
    private final NewLogErrors logs;
    private final CollectionChecks collection = new CollectionChecks();
    private final InstantSource clock;

    public ConnectChecks(ConnectRest rest, Duration callTimeout) {
        this(rest, callTimeout, new NewLogErrors(ZoneId.systemDefault(), NewLogErrors.DEFAULT_MAX_BYTES),
                InstantSource.system());
    }

    ConnectChecks(ConnectRest rest, Duration callTimeout, NewLogErrors logs, InstantSource clock) {
        this.rest = rest;
        this.callTimeout = callTimeout;
        this.logs = logs;
        this.clock = clock;
    }

    @Override
    public List<CheckFinding> round(CheckRequest request) {
        List<CheckFinding> findings = new ArrayList<>(quickLook(request));
        ClusterSpec spec = request.spec();
        Optional<String> answering = answeringWorker(spec);
        if (answering.isEmpty()) {
            TargetException none = new TargetException(TargetException.Kind.REFUSED, "no worker answers");
            List.of(CollectionChecks.COUNTS, CollectionChecks.OFFSETS, CollectionChecks.THROUGHPUT)
                    .forEach(name -> findings.add(data(CollectionChecks.error(name, none))));
            return findings;
        }
        Pipelines pipelines;
        try {
            pipelines = Pipelines.read(rest, answering.get());
        } catch (TargetException e) {
            List.of(CollectionChecks.COUNTS, CollectionChecks.OFFSETS, CollectionChecks.THROUGHPUT)
                    .forEach(name -> findings.add(data(CollectionChecks.error(name, e))));
            return findings;
        }
        try (ConnectKafka kafka = ConnectKafka.open(spec, callTimeout)) {
            findings.add(data(guard(CollectionChecks.COUNTS, () -> collection.counts(spec, pipelines, kafka))));
            findings.add(data(guard(CollectionChecks.OFFSETS, () -> collection.offsets(spec, pipelines, kafka))));
            // throughput is how well the collector performs, not whether the data agrees: off its baseline, the
            // cluster is DEGRADED, never INCONSISTENT
            findings.add(health(guard(CollectionChecks.THROUGHPUT, () -> collection.throughput(spec, pipelines, kafka,
                    request.restartedAt(), request.detectedAt(), clock.instant()))));
        }
        return findings;
    }

    @Override
    public List<CheckFinding> quickLook(CheckRequest request) {
        ClusterSpec spec = request.spec();
        return List.of(health(workers(spec)), health(connectors(spec)),
                health(logs.check(spec, request.restartedAt())));
    }

    private CheckResult workers(ClusterSpec spec) {
        Map<String, String> evidence = new LinkedHashMap<>();
        List<String> silent = new ArrayList<>();
        for (NodeSpec node : spec.nodes()) {
            try {
                rest.root(node.endpoints().client());
                evidence.put(node.id(), "200");
            } catch (TargetException e) {
                silent.add(node.id());
                evidence.put(node.id(), e.kind() + ": " + e.getMessage());
            }
        }
        return new CheckResult(WORKERS, silent.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                silent.isEmpty() ? "every worker answers 200" : "not answering: " + String.join(", ", silent),
                "every worker's REST root answers 200", evidence);
    }

    private CheckResult connectors(ClusterSpec spec) {
        String expected = "every connector and every task RUNNING";
        Optional<String> answering = answeringWorker(spec);
        if (answering.isEmpty()) {
            return new CheckResult(CONNECTORS, CheckStatus.FAIL, "no worker answers", expected, Map.of());
        }
        try {
            Map<String, String> evidence = new LinkedHashMap<>();
            List<String> notRunning = new ArrayList<>();
            rest.statuses(answering.get()).forEach((name, status) -> {
                if (!status.allRunning()) {
                    notRunning.add(name);
                }
                evidence.put(name, status.state() + ", tasks " + status.tasks().stream()
                        .map(task -> task.id() + " " + task.state() + " on " + task.workerId()).toList());
            });
            return new CheckResult(CONNECTORS, notRunning.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                    notRunning.isEmpty() ? evidence.size() + " connector(s), all RUNNING"
                            : "not all RUNNING: " + String.join(", ", notRunning), expected, evidence);
        } catch (TargetException e) {
            return new CheckResult(CONNECTORS, CheckStatus.ERROR, e.kind() + ": " + e.getMessage(), expected,
                    Map.of());
        }
    }

    private Optional<String> answeringWorker(ClusterSpec spec) {
        for (NodeSpec node : spec.nodes()) {
            try {
                rest.root(node.endpoints().client());
                return Optional.of(node.endpoints().client());
            } catch (TargetException e) {
                // the next worker may answer
            }
        }
        return Optional.empty();
    }

    private static CheckResult guard(String name, java.util.function.Supplier<CheckResult> check) {
        try {
            return check.get();
        } catch (TargetException e) {
            return CollectionChecks.error(name, e);
        } catch (UncheckedIOException e) {
            return CollectionChecks.error(name, new TargetException(TargetException.Kind.LOCAL, e.getMessage(), e));
        }
    }

    private static CheckFinding health(CheckResult result) {
        return new CheckFinding(CheckFinding.Kind.HEALTH, result);
    }

    private static CheckFinding data(CheckResult result) {
        return new CheckFinding(CheckFinding.Kind.DATA, result);
    }
}
