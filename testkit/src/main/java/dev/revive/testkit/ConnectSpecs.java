package dev.revive.testkit;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.cluster.VerificationTolerances;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Describes a {@link ConnectCluster} as a cluster spec of kind {@code kafka-connect}: each worker a node run by the
 * process driver (its exact argv, working dir, pid file, log file). A worker's client endpoint is its REST base URL
 * ({@code http://127.0.0.1:<rest>}); its peer endpoint is the Kafka cluster the workers coordinate through and
 * write to ({@code tcp://<first bootstrap host:port>}): Connect workers never talk to each other directly except
 * to forward REST requests, their group lives in Kafka.
 */
public final class ConnectSpecs {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The throughput windows of test specs: short, so that the window after recovery fills within the verifier's
     * settle time, and long enough that a second's hiccup of a busy two-core machine stays inside ±15 % (with 5 s,
     * one such hiccup read 16.4 records/s against 20).
     */
    public static final Duration THROUGHPUT_WINDOW = Duration.ofSeconds(10);
    private static final Policy POLICY = new Policy(null, 0, null,
        VerificationTolerances.defaults().withThroughputWindow(THROUGHPUT_WINDOW), null, null);

    private ConnectSpecs() {
    }

    /**
     * The spec of {@code cluster}: node {@code w<i>} per worker, pid files and backups below {@code workDir}; the
     * default policy but a throughput window of {@link #THROUGHPUT_WINDOW}.
     */
    public static ClusterSpec describe(String clusterId, ConnectCluster cluster, Path workDir) {
        String bootstrap = cluster.settings().bootstrapServers().split(",")[0].trim();
        List<NodeSpec> nodes = cluster.workers().stream().map(worker -> node(worker, bootstrap, workDir)).toList();
        return new ClusterSpec(clusterId, SystemKind.KAFKA_CONNECT, nodes, POLICY,
            new BackupLocation(workDir.resolve("backups").toString()), null, SharedMachine.DETECTION);
    }

    /** The node spec of one worker; {@code bootstrap} is one {@code host:port} of the Kafka cluster. */
    public static NodeSpec node(ConnectWorker worker, String bootstrap, Path workDir) {
        ProcessControl control = new ProcessControl(worker.command(), worker.dataDir().toString(), Map.of(),
            workDir.resolve(worker.name() + ".pid").toString(), worker.logFile().toString(), STOP_TIMEOUT);
        return new NodeSpec(worker.name(), NodeRole.MEMBER, new Endpoints(worker.restUrl(), "tcp://" + bootstrap),
            control, worker.dataDir().toString(), List.of(worker.logFile().toString()), List.of());
    }
}
