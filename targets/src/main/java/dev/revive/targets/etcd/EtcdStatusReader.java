package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.runbooks.disruption.ClusterView;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.TargetException;
import dev.revive.targets.kind.NodeByNodeStatusReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live membership of an etcd cluster: each member's own status (bounded call). Healthy = it answers
 * and knows a leader; position = its raft index. A member is LEARNER when the spec says so or when etcd's live
 * member list does (a member being replaced rejoins as a learner and does not vote until promoted), matched by
 * its peer URL or its name; the list is read once per view from the first member that answers it.
 */
public final class EtcdStatusReader implements NodeByNodeStatusReader {

    private final EtcdAdapter etcd;

    public EtcdStatusReader(EtcdAdapter etcd) {
        this.etcd = etcd;
    }

    @Override
    public ClusterView read(ClusterSpec spec) {
        Set<String> learners = liveLearners(spec);
        return new ClusterView(spec.nodes().stream().map(node -> member(spec, node, learners.contains(node.id())))
                .toList());
    }

    @Override
    public MemberView member(ClusterSpec spec, NodeSpec node) {
        return member(spec, node, false);
    }

    private MemberView member(ClusterSpec spec, NodeSpec node, boolean liveLearner) {
        try {
            MemberStatus status = etcd.status(node.endpoints().client(), spec.security());
            MemberRole role = node.role() == NodeRole.LEARNER || liveLearner ? MemberRole.LEARNER
                    : status.isLeader() ? MemberRole.LEADER
                    : status.hasLeader() ? MemberRole.FOLLOWER : MemberRole.UNKNOWN;
            return new MemberView(node.id(), true, status.hasLeader(), role, status.raftIndex(),
                    "member " + Long.toHexString(status.memberId()) + ", leader " + Long.toHexString(status.leaderId())
                            + ", raft index " + status.raftIndex() + ", term " + status.raftTerm()
                            + (liveLearner ? ", a learner in the live member list" : ""));
        } catch (TargetException e) {
            return MemberView.silent(node.id(), e.kind() + " " + e.getMessage());
        }
    }

    /** The spec's nodes that etcd's live member list holds as learners; none when no member answers the list. */
    private Set<String> liveLearners(ClusterSpec spec) {
        Optional<List<LiveMember>> members = spec.nodes().stream().map(node -> liveMembers(spec, node))
                .flatMap(Optional::stream).findFirst();
        return members.orElse(List.of()).stream().filter(LiveMember::learner)
                .flatMap(learner -> spec.nodes().stream().filter(node -> matches(node, learner)))
                .map(NodeSpec::id).collect(Collectors.toSet());
    }

    private Optional<List<LiveMember>> liveMembers(ClusterSpec spec, NodeSpec node) {
        try {
            return Optional.of(etcd.members(node.endpoints().client(), spec.security()));
        } catch (TargetException e) {
            return Optional.empty();
        }
    }

    private static boolean matches(NodeSpec node, LiveMember member) {
        String peer = node.endpoints().peer();
        return (peer != null && member.peerUrls().contains(peer)) || node.id().equals(member.name());
    }
}
