package dev.revive.executor;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real etcd cluster for the executor to act on, with a backups directory, registered as an operator would
 * (process driver, real commands). Tests put it back to full strength with {@link #restartStoppedMembers()}.
 */
public final class TargetCluster implements AutoCloseable {

    private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(30);

    private final EtcdCluster etcd;
    private final Path backups;

    private TargetCluster(EtcdCluster etcd, Path backups) {
        this.etcd = etcd;
        this.backups = backups;
    }

    /** Starts a cluster of {@code members} members and makes an empty backups directory. */
    public static TargetCluster start(int members) throws IOException {
        return new TargetCluster(EtcdCluster.start(members), Files.createTempDirectory("revive-backups-"));
    }

    /** The etcd cluster itself. */
    public EtcdCluster etcd() {
        return etcd;
    }

    /** Where SNAPSHOT steps write. */
    public Path backups() {
        return backups;
    }

    /** The ClusterSpec an operator would register for it under {@code clusterId}. */
    public ClusterSpec spec(String clusterId) {
        List<NodeSpec> nodes = etcd.members().stream().map(this::node).toList();
        return new ClusterSpec(clusterId, SystemKind.ETCD, nodes, Policy.defaults(),
                new BackupLocation(backups.toString()));
    }

    /** The current leader. */
    public EtcdMember leader() {
        return etcd.leader();
    }

    /** Every member but the current leader. */
    public List<EtcdMember> followers() {
        EtcdMember leader = etcd.leader();
        return etcd.members().stream().filter(member -> member != leader).toList();
    }

    /** The temp dir of {@code member}, which CLEAN_TEMP empties. */
    public Path tempDir(EtcdMember member) {
        return etcd.directory().resolve(member.name() + ".tmp");
    }

    /** Leaves a {@code stale.lock} in the temp dir of {@code member}; returns its path. */
    public Path leaveJunkInTempDir(EtcdMember member) throws IOException {
        Path junk = Files.createDirectories(tempDir(member)).resolve("stale.lock");
        Files.writeString(junk, "left over");
        return junk;
    }

    /** Restarts every member that does not run and waits until the cluster is healthy. */
    public void restartStoppedMembers() {
        etcd.members().stream().filter(member -> !member.isAlive()).forEach(etcd::restart);
        etcd.awaitHealthy(HEALTHY_TIMEOUT);
    }

    @Override
    public void close() {
        etcd.close();
    }

    private NodeSpec node(EtcdMember member) {
        ProcessControl control = new ProcessControl(member.command(), null, Map.of(),
                etcd.directory().resolve(member.name() + ".pid").toString(), member.logFile().toString(),
                Duration.ofSeconds(5));
        return new NodeSpec(member.name(), NodeRole.MEMBER, new Endpoints(member.clientUrl(), member.peerUrl()),
                control, member.dataDir().toString(), List.of(member.logFile().toString()),
                List.of(tempDir(member).toString()));
    }
}
