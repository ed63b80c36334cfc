package dev.revive.executor.plan;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.etcd.MemberStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The steps that talk to etcd members: SNAPSHOT, AWAIT_HEALTHY and AWAIT_CAUGHT_UP. */
final class MemberSteps {

    private final EtcdMembers members;
    private final NodeSteps nodes;
    private final Clock clock;
    private final Pacer pacer;
    private final Duration pollInterval;

    MemberSteps(EtcdMembers members, NodeSteps nodes, Clock clock, Pacer pacer, Duration pollInterval) {
        this.members = members;
        this.nodes = nodes;
        this.clock = clock;
        this.pacer = pacer;
        this.pollInterval = pollInterval;
    }

    /** The backup file of a plan's snapshot: {@code <backup>/<clusterId>/<planId>-<nodeId>.db}. */
    static Path snapshotFile(StepContext context, NodeSpec node) {
        return Path.of(context.spec().backup().directory(), context.spec().id(),
                context.plan().planId() + "-" + node.id() + ".db");
    }

    /**
     * Snapshots the cluster from the step's source member, or from any healthy member if that one
     * does not answer, or, when the cluster has lost quorum and no member is healthy, from any
     * member that still answers: a snapshot is a local read of one member's database, and a backup
     * matters most precisely then. The detail says which.
     */
    StepOutcome snapshot(StepContext context, NodeSpec node) {
        Path file = snapshotFile(context, node);
        if (Files.exists(file)) {
            return StepOutcome.skipped("snapshot " + file + " is already there");
        }
        String wanted = context.step().params().sourceNodeId();
        Optional<NodeSpec> preferred = wanted == null ? Optional.empty() : context.spec().node(wanted);
        String note = "";
        Optional<NodeSpec> source = preferred.filter(candidate -> members.isHealthy(candidate.endpoints().client()));
        if (source.isEmpty()) {
            note = wanted == null ? "no source member given; " : "source member " + wanted + " is not healthy; ";
            source = anyHealthyMemberBut(context.spec(), node.id(), wanted);
        }
        String kind = "healthy member ";
        if (source.isEmpty()) {
            source = anyMemberBut(context.spec(), node.id(), member -> members.status(member).isPresent());
            kind = "member without a leader (quorum lost) ";
        }
        if (source.isEmpty()) {
            return StepOutcome.failed(note + "no member of " + context.spec().id() + " answers to snapshot from");
        }
        String endpoint = source.get().endpoints().client();
        long bytes = members.snapshot(endpoint, file);
        String from = note.isEmpty() ? "" : note + "took it from " + kind + source.get().id() + "; ";
        return StepOutcome.succeeded(from + "snapshot of " + source.get().id() + " (" + endpoint + ") written to " + file
                + ", " + bytes + " bytes");
    }

    StepOutcome awaitHealthy(StepContext context, NodeSpec node) throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(context.timeout());
        String endpoint = node.endpoints().client();
        while (true) {
            if (members.isHealthy(endpoint)) {
                return StepOutcome.succeeded(node.id() + " is healthy (answers and knows a leader) after "
                        + millisSince(start) + " ms");
            }
            if (nodes.isDown(node)) {
                return StepOutcome.failed(node.id() + " is not running any more; see its log");
            }
            if (!clock.instant().isBefore(deadline)) {
                return StepOutcome.timedOut(node.id() + " was not healthy within " + context.timeout());
            }
            pacer.pause(pollInterval);
        }
    }

    /** Member raft index ≥ reference raft index − maxIndexLag, and both follow the same leader. */
    StepOutcome awaitCaughtUp(StepContext context, NodeSpec node) throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(context.timeout());
        long maxLag = maxIndexLag(context);
        String last = "no answer yet";
        while (true) {
            Optional<MemberStatus> member = members.status(node.endpoints().client());
            Optional<MemberStatus> reference = reference(context);
            if (member.isPresent() && reference.isPresent()) {
                MemberStatus m = member.get();
                MemberStatus r = reference.get();
                last = "raft index " + m.raftIndex() + " vs " + r.raftIndex() + " of " + describe(r)
                        + ", leader " + Long.toHexString(m.leaderId()) + " vs " + Long.toHexString(r.leaderId());
                if (m.hasLeader() && m.leaderId() == r.leaderId() && m.raftIndex() >= r.raftIndex() - maxLag) {
                    return StepOutcome.succeeded(node.id() + " caught up after " + millisSince(start) + " ms: " + last
                            + " (max lag " + maxLag + ")");
                }
            }
            if (!clock.instant().isBefore(deadline)) {
                return StepOutcome.timedOut(node.id() + " did not catch up within " + context.timeout() + ": " + last);
            }
            pacer.pause(pollInterval);
        }
    }

    private Optional<MemberStatus> reference(StepContext context) {
        String source = context.step().params().sourceNodeId();
        if (source != null) {
            return context.spec().node(source).flatMap(node -> members.status(node.endpoints().client()));
        }
        List<String> endpoints = context.spec().nodes().stream().map(node -> node.endpoints().client()).toList();
        return members.leader(endpoints);
    }

    private Optional<NodeSpec> anyHealthyMemberBut(ClusterSpec spec, String target, String unanswering) {
        return anyMemberBut(spec, target, endpoint -> members.isHealthy(endpoint))
                .filter(node -> !node.id().equals(unanswering));
    }

    private static Optional<NodeSpec> anyMemberBut(ClusterSpec spec, String target, Predicate<String> usable) {
        return spec.nodes().stream()
                .filter(node -> node.role() != NodeRole.LEARNER && !node.id().equals(target))
                .filter(node -> usable.test(node.endpoints().client()))
                .findFirst();
    }

    private static long maxIndexLag(StepContext context) {
        Long lag = context.step().params().maxIndexLag();
        return lag != null ? lag : context.spec().policy().verification().maxAppliedIndexLag();
    }

    private static String describe(MemberStatus status) {
        return status.isLeader() ? "the leader" : "member " + Long.toHexString(status.memberId());
    }

    private long millisSince(Instant start) {
        return Duration.between(start, clock.instant()).toMillis();
    }
}
