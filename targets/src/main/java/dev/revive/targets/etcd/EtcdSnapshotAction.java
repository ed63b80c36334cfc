package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * etcd's SNAPSHOT: a backup of the cluster's database into {@code <backup>/<clusterId>/<planId>-<nodeId>.db},
 * taken from the step's source member, or from any healthy member if that one is not healthy, or, when the
 * cluster has lost quorum and no member is healthy, from any member that still answers: a snapshot is a local
 * read of one member's database, and a backup matters most precisely then. A file already there means the
 * step is done.
 */
public final class EtcdSnapshotAction implements ActionHandler {

    private final EtcdAdapter etcd;

    public EtcdSnapshotAction(EtcdAdapter etcd) {
        this.etcd = etcd;
    }

    /** The backup file of a plan's snapshot for {@code node}. */
    public static Path snapshotFile(StepContext context, NodeSpec node) {
        return Path.of(context.spec().backup().directory(), context.spec().id(),
                context.plan().planId() + "-" + node.id() + ".db");
    }

    @Override
    public StepOutcome execute(StepContext context) {
        NodeSpec node = target(context);
        Path file = snapshotFile(context, node);
        if (Files.exists(file)) {
            return StepOutcome.skipped("snapshot " + file + " is already there");
        }
        Optional<Source> source = source(context, node);
        if (source.isEmpty()) {
            return StepOutcome.failed(note(context) + "no member of " + context.spec().id()
                    + " answers to snapshot from");
        }
        String endpoint = source.get().member().endpoints().client();
        long bytes = etcd.snapshot(endpoint, file);
        return StepOutcome.succeeded(source.get().why() + "snapshot of " + source.get().member().id() + " (" + endpoint
                + ") written to " + file + ", " + bytes + " bytes");
    }

    @Override
    public String describe(StepContext context) {
        NodeSpec node = target(context);
        Path file = snapshotFile(context, node);
        if (Files.exists(file)) {
            return "would skip: snapshot " + file + " is already there";
        }
        return source(context, node)
                .map(source -> source.why() + "would snapshot member " + source.member().id() + " ("
                        + source.member().endpoints().client() + ") to file " + file)
                .orElse("would fail: " + note(context) + "no member of " + context.spec().id()
                        + " answers to snapshot from (file " + file + ")");
    }

    /** The member to read from, and in words why it is that one when it is not the one asked for. */
    private record Source(NodeSpec member, String why) {
    }

    private Optional<Source> source(StepContext context, NodeSpec node) {
        String wanted = context.step().params().sourceNodeId();
        Optional<NodeSpec> preferred = wanted == null ? Optional.empty() : context.spec().node(wanted)
                .filter(candidate -> etcd.isHealthy(candidate.endpoints().client()));
        if (preferred.isPresent()) {
            return Optional.of(new Source(preferred.get(), ""));
        }
        String note = note(context);
        Optional<NodeSpec> healthy = anyMemberBut(context.spec(), node.id(), etcd::isHealthy)
                .filter(candidate -> !candidate.id().equals(wanted));
        if (healthy.isPresent()) {
            return Optional.of(new Source(healthy.get(), note + "took it from healthy member " + healthy.get().id()
                    + "; "));
        }
        return anyMemberBut(context.spec(), node.id(), endpoint -> etcd.statusIfAnswering(endpoint).isPresent())
                .map(member -> new Source(member, note + "took it from member without a leader (quorum lost) "
                        + member.id() + "; "));
    }

    private static String note(StepContext context) {
        String wanted = context.step().params().sourceNodeId();
        return wanted == null ? "no source member given; " : "source member " + wanted + " is not healthy; ";
    }

    private static NodeSpec target(StepContext context) {
        return context.node().orElseThrow(() -> new IllegalStateException(context.describe() + " names no node"));
    }

    private static Optional<NodeSpec> anyMemberBut(ClusterSpec spec, String target, Predicate<String> usable) {
        return spec.nodes().stream()
                .filter(node -> node.role() != NodeRole.LEARNER && !node.id().equals(target))
                .filter(node -> usable.test(node.endpoints().client()))
                .findFirst();
    }
}
