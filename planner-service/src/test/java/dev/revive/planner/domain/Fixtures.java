package dev.revive.planner.domain;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.RestartBudget;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Timeline;
import dev.revive.contracts.report.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Cluster specs and events for the planner's tests. */
public final class Fixtures {

    public static final String CLUSTER = "etcd-a";
    public static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(7);

    private Fixtures() {
    }

    /** A three-member etcd cluster with the default policy. */
    public static ClusterSpec etcd() {
        return etcd(Policy.defaults());
    }

    public static ClusterSpec etcd(Policy policy) {
        return etcd(CLUSTER, policy);
    }

    public static ClusterSpec etcd(String clusterId, Policy policy) {
        return etcd(clusterId, policy, 3);
    }

    /** An etcd cluster of {@code members} members {@code n1}, {@code n2}, … */
    public static ClusterSpec etcd(String clusterId, Policy policy, int members) {
        List<NodeSpec> nodes = IntStream.rangeClosed(1, members).mapToObj(i -> node("n" + i, 2379 + 10 * i)).toList();
        return new ClusterSpec(clusterId, SystemKind.ETCD, nodes, policy, new BackupLocation("/var/backups/" + clusterId));
    }

    public static Policy policy(PlanMode mode, int maxConcurrentDisruptions, int maxRestarts) {
        return new Policy(mode, maxConcurrentDisruptions, new RestartBudget(maxRestarts, Duration.ofHours(1)), null);
    }

    private static NodeSpec node(String id, int port) {
        ProcessControl control = new ProcessControl(List.of("/usr/bin/etcd", "--name", id), null, Map.of(),
                "/run/revive/" + id + ".pid", "/var/log/revive/" + id + ".log", STOP_TIMEOUT);
        return new NodeSpec(id, NodeRole.MEMBER, new Endpoints("http://127.0.0.1:" + port, "http://127.0.0.1:" + (port + 1)),
                control, "/var/lib/etcd/" + id, List.of(), List.of("/var/tmp/etcd/" + id));
    }

    /** A PROCESS_DOWN fault of {@code nodeId} (null: cluster-wide) with its own dedup key. */
    public static FaultEvent fault(String faultId, String nodeId) {
        return fault(faultId, nodeId, FaultKind.PROCESS_DOWN, "down-" + nodeId, T0);
    }

    public static FaultEvent fault(String faultId, String nodeId, FaultKind kind, String dedupKey, Instant observedAt) {
        return new FaultEvent(faultId, CLUSTER, nodeId, kind, Severity.CRITICAL, observedAt, "probe", Map.of(), dedupKey);
    }

    public static FaultEvent recovered(String faultId, String nodeId) {
        return fault(faultId, nodeId, FaultKind.RECOVERED, "recovered-" + nodeId, T0.plusSeconds(60));
    }

    public static RecoveryReport report(String incidentId, Verdict verdict) {
        Timeline timeline = new Timeline(T0, T0, T0, T0, T0.plusSeconds(90));
        return new RecoveryReport("rep-" + incidentId, incidentId, incidentId + "-r1", CLUSTER, verdict, List.of(),
                timeline, Duration.ofSeconds(90));
    }

    /** A SUCCEEDED step event of {@code planId}. */
    public static dev.revive.contracts.execution.StepEvent step(String incidentId, String planId, String stepId,
            dev.revive.contracts.plan.Action action) {
        return new dev.revive.contracts.execution.StepEvent("ev-" + planId + "-" + stepId, planId, incidentId, CLUSTER,
                stepId, action, "n1", 1, dev.revive.contracts.execution.StepStatus.SUCCEEDED, "exec-1", 7, "done",
                T0.plusSeconds(10));
    }

    /** A fault of {@code kind} and {@code severity} of {@code nodeId} with evidence. */
    public static FaultEvent fault(String faultId, String nodeId, FaultKind kind, Severity severity,
            Map<String, String> evidence) {
        return new FaultEvent(faultId, CLUSTER, nodeId, kind, severity, T0, "detector", evidence,
                kind + "-" + nodeId + "-" + faultId);
    }

    public static PlanOutcome outcome(String incidentId, Outcome outcome) {
        return new PlanOutcome("out-" + incidentId, incidentId + "-r1", incidentId, CLUSTER, outcome, "exec-1", 7,
                "step 05-start failed", T0, T0.plusSeconds(30));
    }
}
