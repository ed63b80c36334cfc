package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.TargetException;
import dev.revive.targets.kind.NodeByNodeStatusReader;

/**
 * The live membership of an etcd cluster: each member's own status (bounded call). Healthy = it answers
 * and knows a leader; position = its raft index.
 */
public final class EtcdStatusReader implements NodeByNodeStatusReader {

    private final EtcdAdapter etcd;

    public EtcdStatusReader(EtcdAdapter etcd) {
        this.etcd = etcd;
    }

    @Override
    public MemberView member(ClusterSpec spec, NodeSpec node) {
        try {
            MemberStatus status = etcd.status(node.endpoints().client(), spec.security());
            MemberRole role = node.role() == NodeRole.LEARNER ? MemberRole.LEARNER
                    : status.isLeader() ? MemberRole.LEADER
                    : status.hasLeader() ? MemberRole.FOLLOWER : MemberRole.UNKNOWN;
            return new MemberView(node.id(), true, status.hasLeader(), role, status.raftIndex(),
                    "member " + Long.toHexString(status.memberId()) + ", leader " + Long.toHexString(status.leaderId())
                            + ", raft index " + status.raftIndex() + ", term " + status.raftTerm());
        } catch (TargetException e) {
            return MemberView.silent(node.id(), e.kind() + " " + e.getMessage());
        }
    }
}
