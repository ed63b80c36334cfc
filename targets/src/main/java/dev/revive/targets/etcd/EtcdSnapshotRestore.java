package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import dev.revive.targets.process.BoundedCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * etcd's own restore of a snapshot into a new data directory: {@code etcdutl snapshot restore} where etcdutl is
 * installed (etcd 3.5+), else {@code etcdctl snapshot restore} (3.4, Debian's etcd-client), with the same flags:
 * the member's name, {@code --initial-cluster} with every member of the spec ({@code name=peerURL}), the plan's
 * cluster token, the member's peer URL and the new data dir. Started from an argument list with
 * {@code ETCDCTL_API=3}, bounded by the step's timeout ({@link BoundedCommand}).
 */
final class EtcdSnapshotRestore {

    private static final int MAX_OUTPUT = 16 * 1024;

    private final Optional<Path> program;

    EtcdSnapshotRestore() {
        this(EtcdctlSnapshotStatus.locate("etcdutl").or(EtcdctlSnapshotStatus::locate));
    }

    EtcdSnapshotRestore(Optional<Path> program) {
        this.program = program;
    }

    /** The cluster token of a cluster restored by plan {@code planId}: a new cluster id, apart from the old one. */
    static String token(String planId) {
        return "revive-" + planId;
    }

    /** {@code m0=http://a:2380,m1=http://b:2380}: every node of the spec with its peer URL. */
    static String initialCluster(ClusterSpec spec) {
        return spec.nodes().stream().map(node -> node.id() + "=" + node.endpoints().peer())
                .collect(Collectors.joining(","));
    }

    /** The argument list restoring {@code snapshot} for {@code node} of {@code spec} into {@code dataDir}. */
    List<String> argv(Path snapshot, ClusterSpec spec, NodeSpec node, String planId, Path dataDir) {
        return List.of(program().toString(), "snapshot", "restore", snapshot.toString(), "--name", node.id(),
                "--initial-cluster", initialCluster(spec), "--initial-cluster-token", token(planId),
                "--initial-advertise-peer-urls", node.endpoints().peer(), "--data-dir", dataDir.toString());
    }

    /**
     * Runs {@code argv} within {@code timeout}. Throws {@link Kind#LOCAL} when it cannot be run, {@link Kind#TIMEOUT}
     * when it does not finish, {@link Kind#FAILED} when it exits other than 0.
     */
    void run(List<String> argv, Duration timeout) {
        BoundedCommand.Exited exited = new BoundedCommand(timeout, MAX_OUTPUT).run(argv, Map.of("ETCDCTL_API", "3"));
        if (exited.code() != 0) {
            throw new TargetException(Kind.FAILED, String.join(" ", argv.subList(0, 3)) + " exited "
                    + exited.code() + ": " + exited.output().strip());
        }
    }

    private Path program() {
        return program.orElseThrow(() -> new TargetException(Kind.LOCAL, "cannot restore a snapshot: neither etcdutl "
                + "nor etcdctl is on PATH nor in /usr/bin (install the Debian package etcd-client)"));
    }
}
