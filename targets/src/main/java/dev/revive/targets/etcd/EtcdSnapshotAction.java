package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * etcd's SNAPSHOT: a backup of the cluster's database into {@code <backup>/<clusterId>/<planId>-<nodeId>.db},
 * taken from the step's source member, or from any healthy member if that one is not healthy, or, when the
 * cluster has lost quorum and no member is healthy, from any member that still answers: a snapshot is a local
 * read of one member's database, and a backup matters most precisely then. The file is written durably with a
 * sha256 sidecar ({@link SnapshotFiles}) and counts only once {@code etcdctl snapshot status} accepts it; a file
 * already there means the step is done only if its sidecar matches and etcdctl accepts it, else it is replaced.
 * Once etcdctl accepts it, the revision and key count it reports are recorded beside it ({@link SnapshotMetadata}),
 * also for a file found already there without them; with a new snapshot also the source member's HashKV and live
 * key count at that revision, read right after it, which a restore of the snapshot keeps. After a new snapshot,
 * only the newest {@code backup.keep} snapshots of the cluster are kept.
 */
public final class EtcdSnapshotAction implements ActionHandler {

    /** The name part of the snapshot a step on no node writes (a rolling restart's). */
    static final String CLUSTER = "cluster";

    private final EtcdAdapter etcd;

    public EtcdSnapshotAction(EtcdAdapter etcd) {
        this.etcd = etcd;
    }

    /** The backup file of a plan's snapshot for {@code node}. */
    public static Path snapshotFile(StepContext context, NodeSpec node) {
        return snapshotFile(context.spec(), context.plan().planId(), node);
    }

    /**
     * The snapshot files a plan's SNAPSHOT steps wrote for {@code spec}, whichever node each was for (a rolling
     * restart's one snapshot is for no node: {@code <planId>-cluster.db}).
     */
    public static List<Path> planSnapshots(ClusterSpec spec, String planId) {
        return Stream.concat(spec.nodes().stream().map(NodeSpec::id), Stream.of((String) null)).map(node -> snapshotFile(spec, planId, node)).filter(Files::isRegularFile).toList();
    }

    private static Path snapshotFile(ClusterSpec spec, String planId, NodeSpec node) {
        return snapshotFile(spec, planId, node.id());
    }

    private static Path snapshotFile(ClusterSpec spec, String planId, String nodeId) {
        return Path.of(spec.backup().directory(), spec.id(), planId + "-" + (nodeId == null ? CLUSTER : nodeId)
                + SnapshotFiles.SUFFIX);
    }

    /** The file of the step's snapshot: named after the step's node, or {@value #CLUSTER} for a step on no node. */
    private static Path snapshotFile(StepContext context) {
        return snapshotFile(context.spec(), context.plan().planId(), context.step().nodeId());
    }

    @Override
    public StepOutcome execute(StepContext context) {
        String target = context.step().nodeId();
        Path file = snapshotFile(context);
        Optional<String> replacing = SnapshotFiles.mismatch(file);
        if (replacing.isEmpty()) {
            EtcdctlSnapshotStatus.Status status = etcd.snapshotStatus(file);
            if (SnapshotMetadata.of(file).isEmpty()) {
                new SnapshotMetadata(status.revision(), status.totalKeys(), "").writeFor(file);
            }
            return StepOutcome.skipped("snapshot " + file + " is already there, its sha256 matches its sidecar and "
                    + "etcdctl snapshot status passes (revision " + status.revision() + ", " + status.totalKeys()
                    + " keys)");
        }
        String replaced = Files.exists(file) ? "replaced " + replacing.get() + "; " : "";
        Optional<Source> source = source(context, target);
        if (source.isEmpty()) {
            return StepOutcome.failed(note(context) + "no member of " + context.spec().id()
                    + " answers to snapshot from");
        }
        String endpoint = source.get().member().endpoints().client();
        SnapshotFiles.Written written;
        try {
            written = etcd.snapshot(endpoint, context.spec().security(), file, () -> context.gate().admits());
        } catch (SnapshotFiles.NotReplacedException e) {
            return StepOutcome.notAdmitted("not admitted right before it would move the snapshot into " + file + "; "
                    + context.describe() + " stopped there, the file is untouched");
        }
        EtcdctlSnapshotStatus.Status status = verified(file);
        Keyspace keyspace = keyspace(endpoint, context.spec().security(), status.revision());
        new SnapshotMetadata(status.revision(), status.totalKeys(), source.get().member().id(), keyspace.read())
                .writeFor(file);
        List<Path> pruned = SnapshotFiles.prune(file, context.spec().backup().keep());
        return StepOutcome.succeeded(replaced + source.get().why() + "snapshot of " + source.get().member().id() + " ("
                + endpoint + ") written to " + file + ", " + written.size() + " bytes, sha256 " + written.sha256()
                + ", etcdctl snapshot status: revision " + status.revision() + ", " + status.totalKeys() + " keys; "
                + keyspace.words() + (pruned.isEmpty() ? "" : "; pruned " + pruned.size() + " older snapshot(s)"));
    }

    @Override
    public String describe(StepContext context) {
        String target = context.step().nodeId();
        Path file = snapshotFile(context);
        Optional<String> replacing = SnapshotFiles.mismatch(file);
        if (replacing.isEmpty()) {
            return "would skip if etcdctl snapshot status passes: snapshot " + file
                    + " is already there and its sha256 matches its sidecar";
        }
        String replace = Files.exists(file) ? "would replace " + replacing.get() + "; " : "";
        return source(context, target)
                .map(source -> replace + source.why() + "would snapshot member " + source.member().id() + " ("
                        + source.member().endpoints().client() + ") to file " + file)
                .orElse("would fail: " + note(context) + "no member of " + context.spec().id()
                        + " answers to snapshot from (file " + file + ")");
    }

    /** The source member's keyspace at the snapshot's revision, or why it was not read; and that in words. */
    private record Keyspace(Optional<SnapshotMetadata.Keyspace> read, String words) {
    }

    /**
     * The keyspace of the member at {@code endpoint} at the snapshot's {@code revision}: its HashKV there and a
     * count-only serializable range over every key there. Recorded so that the verifier can check a restore of the
     * snapshot; a member that does not answer leaves it unrecorded, which does not fail the snapshot.
     */
    private Keyspace keyspace(String endpoint, ClientSecurity security, long revision) {
        try {
            HashKv hash = etcd.hashKv(endpoint, security, revision);
            long live = etcd.range(endpoint, security, KeyRange.count(revision)).count();
            SnapshotMetadata.Keyspace keyspace = new SnapshotMetadata.Keyspace(hash.hash(), live);
            return new Keyspace(Optional.of(keyspace), "keyspace at revision " + revision + ": hashKV "
                    + keyspace.hashText() + ", " + live + " live keys");
        } catch (TargetException e) {
            return new Keyspace(Optional.empty(), "keyspace at revision " + revision + " not recorded (" + e.kind()
                    + " " + e.getMessage() + ")");
        }
    }

    /** etcd's check of a file just written; a file etcd rejects is deleted, since it must not pass for a backup. */
    private EtcdctlSnapshotStatus.Status verified(Path file) {
        try {
            return etcd.snapshotStatus(file);
        } catch (TargetException e) {
            if (e.kind() == TargetException.Kind.FAILED) {
                SnapshotFiles.delete(file);
            }
            throw e;
        }
    }

    /** The member to read from, and in words why it is that one when it is not the one asked for. */
    private record Source(NodeSpec member, String why) {
    }

    private Optional<Source> source(StepContext context, String target) {
        String wanted = context.step().params().sourceNodeId();
        ClientSecurity security = context.spec().security();
        Optional<NodeSpec> preferred = wanted == null ? Optional.empty() : context.spec().node(wanted)
                .filter(candidate -> etcd.isHealthy(candidate.endpoints().client(), security));
        if (preferred.isPresent()) {
            return Optional.of(new Source(preferred.get(), ""));
        }
        String note = note(context);
        Optional<NodeSpec> healthy = anyMemberBut(context.spec(), target,
                endpoint -> etcd.isHealthy(endpoint, security))
                .filter(candidate -> !candidate.id().equals(wanted));
        if (healthy.isPresent()) {
            return Optional.of(new Source(healthy.get(), note + "took it from healthy member " + healthy.get().id()
                    + "; "));
        }
        return anyMemberBut(context.spec(), target, endpoint -> etcd.statusIfAnswering(endpoint, security)
                .isPresent())
                .map(member -> new Source(member, note + "took it from member without a leader (quorum lost) "
                        + member.id() + "; "));
    }

    private static String note(StepContext context) {
        String wanted = context.step().params().sourceNodeId();
        return wanted == null ? "no source member given; " : "source member " + wanted + " is not healthy; ";
    }

    private static Optional<NodeSpec> anyMemberBut(ClusterSpec spec, String target, Predicate<String> usable) {
        return spec.nodes().stream()
                .filter(node -> node.role() != NodeRole.LEARNER && !node.id().equals(target))
                .filter(node -> usable.test(node.endpoints().client()))
                .findFirst();
    }
}
