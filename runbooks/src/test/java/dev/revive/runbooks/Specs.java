package dev.revive.runbooks;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.runbooks.diagnosis.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Cluster specs and findings for the runbooks' tests. */
public final class Specs {

    public static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(7);

    private Specs() {
    }

    /** A three-node cluster {@code n1..n3} of {@code kind}. */
    public static ClusterSpec cluster(SystemKind kind, Policy policy) {
        List<NodeSpec> nodes = IntStream.rangeClosed(1, 3).mapToObj(i -> node("n" + i, 2379 + 10 * i)).toList();
        return new ClusterSpec("c-1", kind, nodes, policy, new BackupLocation("/var/backups/c-1"));
    }

    public static ClusterSpec etcd() {
        return cluster(SystemKind.ETCD, Policy.defaults());
    }

    public static Finding finding(String nodeId, FaultKind kind, Severity severity, Map<String, String> evidence) {
        return new Finding(nodeId, kind, severity, "probe", T0, evidence);
    }

    public static Finding critical(String nodeId, FaultKind kind) {
        return finding(nodeId, kind, Severity.CRITICAL, Map.of());
    }

    private static NodeSpec node(String id, int port) {
        ProcessControl control = new ProcessControl(List.of("/usr/bin/etcd", "--name", id), null, Map.of(),
                "/run/revive/" + id + ".pid", "/var/log/revive/" + id + ".log", STOP_TIMEOUT);
        return new NodeSpec(id, NodeRole.MEMBER, new Endpoints("http://127.0.0.1:" + port,
                "http://127.0.0.1:" + (port + 1)), control, "/var/lib/etcd/" + id, List.of(),
                List.of("/var/tmp/etcd/" + id));
    }
}
