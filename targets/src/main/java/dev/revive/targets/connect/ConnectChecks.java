package dev.revive.targets.connect;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.TargetException;
import dev.revive.targets.action.Polling;
import dev.revive.targets.check.NewLogErrors;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.ClusterCheckSet;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verification of a Kafka Connect cluster, the collection runbook's list. HEALTH: every worker's REST root
 * answers 200 ({@code workers-answer}); every connector and task RUNNING ({@code connectors-running}), and on a worker
 * that answers ({@code collection-continues}, {@link TaskPlacement}); no new ERROR line in any worker's log since the
 * restart ({@code no-new-errors}). DATA ({@link CollectionChecks}): the file pipelines' counts, the sink connectors'
 * committed offsets, the throughput before and after. The throughput windows are the spec's
 * {@code policy.verification.throughputWindow}.
 *
 * <p>The quick look after an aborted plan is the standby case: a worker that cannot come back while the others take
 * its tasks once the group has noticed it left and its rebalance delay has passed. Read at the moment the plan
 * aborted, the statuses still show the dead worker's tasks RUNNING under its id; so the quick look reads again, every
 * {@link #QUICK_LOOK_POLL}, until every task runs on an answering worker and the record counts agree, for at most
 * {@link #QUICK_LOOK_WAIT}, and reports what it saw last: the HEALTH checks and {@code record-counts}.
 */
public final class ConnectChecks implements ClusterCheckSet {

    static final String WORKERS = "workers-answer";
    static final String CONNECTORS = "connectors-running";
    /** How long a quick look waits for the work of silent workers to move and the counts to agree. */
    public static final Duration QUICK_LOOK_WAIT = Duration.ofSeconds(30);
    /** How often a quick look reads again while it waits. */
    public static final Duration QUICK_LOOK_POLL = Duration.ofSeconds(1);

    private final ConnectRest rest;
    private final Duration callTimeout;
    private final NewLogErrors logs;
    private final CollectionChecks collection = new CollectionChecks();
    private final Polling polling;
    private final Duration quickLookWait;

    public ConnectChecks(ConnectRest rest, Duration callTimeout) {
        this(rest, callTimeout, new NewLogErrors(ZoneId.systemDefault(), NewLogErrors.DEFAULT_MAX_BYTES),
                Polling.every(QUICK_LOOK_POLL), QUICK_LOOK_WAIT);
    }

    /** @param polling the clock of the throughput windows and how a quick look polls while it waits */
    ConnectChecks(ConnectRest rest, Duration callTimeout, NewLogErrors logs, Polling polling, Duration quickLookWait) {
        this.rest = rest;
        this.callTimeout = callTimeout;
        this.logs = logs;
        this.polling = polling;
        this.quickLookWait = quickLookWait;
    }

    @Override
    public List<CheckFinding> round(CheckRequest request) {
        Look look = look(request.spec());
        List<CheckFinding> findings = new ArrayList<>(health(request, look));
        findings.addAll(data(request, look,
                List.of(CollectionChecks.COUNTS, CollectionChecks.OFFSETS, CollectionChecks.THROUGHPUT)));
        return findings;
    }

    @Override
    public List<CheckFinding> quickLook(CheckRequest request) {
        Instant deadline = polling.clock().instant().plus(quickLookWait);
        Look look = look(request.spec());
        CheckFinding counts = look.placement().continues() ? counts(request, look) : null;
        while ((counts == null || counts.result().status() != CheckStatus.PASS)
                && polling.clock().instant().isBefore(deadline)) {
            try {
                polling.pacer().pause(polling.interval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            look = look(request.spec());
            counts = look.placement().continues() ? counts(request, look) : null;
        }
        List<CheckFinding> findings = new ArrayList<>(health(request, look));
        findings.add(counts != null ? counts : counts(request, look));
        return findings;
    }

    private CheckFinding counts(CheckRequest request, Look look) {
        return data(request, look, List.of(CollectionChecks.COUNTS)).get(0);
    }

    /**
     * One reading of the workers: each node's REST root (the failure of those that do not answer, by node id) and
     * the statuses an answering worker gives, or why it gave none.
     */
    private record Look(String answeringUrl, Map<String, TargetException> silent, TaskPlacement placement,
            TargetException statusFailure) {
    }

    private Look look(ClusterSpec spec) {
        Map<String, TargetException> silent = new LinkedHashMap<>();
        Map<String, String> answering = new LinkedHashMap<>();
        Map<String, String> silentIds = new LinkedHashMap<>();
        String answeringUrl = null;
        for (NodeSpec node : spec.nodes()) {
            try {
                rest.root(node.endpoints().client());
                answering.put(node.id(), WorkerTasks.workerId(node));
                answeringUrl = answeringUrl == null ? node.endpoints().client() : answeringUrl;
            } catch (TargetException e) {
                silent.put(node.id(), e);
                silentIds.put(node.id(), WorkerTasks.workerId(node));
            }
        }
        Map<String, ConnectorStatus> statuses = Map.of();
        TargetException statusFailure = null;
        if (answeringUrl != null) {
            try {
                statuses = rest.statuses(answeringUrl);
            } catch (TargetException e) {
                statusFailure = e;
            }
        }
        return new Look(answeringUrl, silent, new TaskPlacement(answering, silentIds, statuses), statusFailure);
    }

    private List<CheckFinding> health(CheckRequest request, Look look) {
        return List.of(health(workers(request.spec(), look)), health(connectors(look)), health(continues(look)),
                health(logs.check(request.spec(), request.restartedAt())));
    }

    /**
     * The named DATA checks ({@code throughput} a HEALTH finding) over the pipelines an answering worker describes,
     * through one Admin client.
     */
    private List<CheckFinding> data(CheckRequest request, Look look, List<String> names) {
        if (look.answeringUrl() == null) {
            TargetException none = new TargetException(TargetException.Kind.REFUSED, "no worker answers");
            return names.stream().map(name -> finding(name, CollectionChecks.error(name, none))).toList();
        }
        ClusterSpec spec = request.spec();
        Pipelines pipelines;
        try {
            pipelines = Pipelines.read(rest, look.answeringUrl());
        } catch (TargetException e) {
            return names.stream().map(name -> finding(name, CollectionChecks.error(name, e))).toList();
        }
        try (ConnectKafka kafka = ConnectKafka.open(spec, callTimeout)) {
            return names.stream().map(name -> finding(name, guard(name, () -> switch (name) {
                case CollectionChecks.COUNTS -> collection.counts(spec, pipelines, kafka);
                case CollectionChecks.OFFSETS -> collection.offsets(spec, pipelines, kafka);
                default -> collection.throughput(spec, pipelines, kafka, request.restartedAt(), request.detectedAt(),
                        polling.clock().instant());
            }))).toList();
        }
    }

    /**
     * A DATA finding, but throughput is HEALTH: it is how well the collector performs, not whether the data agrees;
     * off its baseline, the cluster is DEGRADED, never INCONSISTENT.
     */
    private static CheckFinding finding(String name, CheckResult result) {
        return new CheckFinding(CollectionChecks.THROUGHPUT.equals(name) ? CheckFinding.Kind.HEALTH
                : CheckFinding.Kind.DATA, result);
    }

    private static CheckResult workers(ClusterSpec spec, Look look) {
        Map<String, String> evidence = new LinkedHashMap<>();
        for (NodeSpec node : spec.nodes()) {
            TargetException failure = look.silent().get(node.id());
            evidence.put(node.id(), failure == null ? "200" : failure.kind() + ": " + failure.getMessage());
        }
        boolean all = look.silent().isEmpty();
        return new CheckResult(WORKERS, all ? CheckStatus.PASS : CheckStatus.FAIL,
                all ? "every worker answers 200" : "not answering: " + String.join(", ", look.silent().keySet()),
                "every worker's REST root answers 200", evidence);
    }

    private static CheckResult connectors(Look look) {
        String expected = "every connector and every task RUNNING";
        if (look.answeringUrl() == null) {
            return new CheckResult(CONNECTORS, CheckStatus.FAIL, "no worker answers", expected, Map.of());
        }
        if (look.statusFailure() != null) {
            return new CheckResult(CONNECTORS, CheckStatus.ERROR, look.statusFailure().kind() + ": "
                    + look.statusFailure().getMessage(), expected, Map.of());
        }
        Map<String, String> evidence = new LinkedHashMap<>();
        List<String> notRunning = new ArrayList<>();
        look.placement().statuses().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            ConnectorStatus status = entry.getValue();
            if (!status.allRunning()) {
                notRunning.add(entry.getKey());
            }
            evidence.put(entry.getKey(), status.state() + ", tasks " + status.tasks().stream()
                    .map(task -> task.id() + " " + task.state() + " on " + task.workerId()).toList());
        });
        return new CheckResult(CONNECTORS, notRunning.isEmpty() ? CheckStatus.PASS : CheckStatus.FAIL,
                notRunning.isEmpty() ? evidence.size() + " connector(s), all RUNNING"
                        : "not all RUNNING: " + String.join(", ", notRunning), expected, evidence);
    }

    private static CheckResult continues(Look look) {
        if (look.statusFailure() != null) {
            return new CheckResult(TaskPlacement.NAME, CheckStatus.ERROR, look.statusFailure().kind() + ": "
                    + look.statusFailure().getMessage(), "every connector and every task RUNNING on a worker that "
                    + "answers", Map.of());
        }
        return look.placement().check();
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
}
