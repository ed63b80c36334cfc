package dev.revive.runbooks.disruption;

import java.util.List;
import java.util.Optional;

/**
 * The live membership of a cluster, read just before a decision: one view per node of the spec, in
 * spec order. Guards decide on this, never on the spec alone.
 *
 * @param members     every node of the spec
 * @param replicaSets the units of replicated data and their in-sync copies, for kinds that replicate per unit (Kafka
 *                    partitions); empty for the others
 */
public record ClusterView(List<MemberView> members, List<ReplicaSet> replicaSets) {

    public ClusterView {
        members = List.copyOf(members);
        replicaSets = replicaSets == null ? List.of() : List.copyOf(replicaSets);
    }

    /** A view of a kind that replicates the whole cluster (raft, ZAB, primary/replica). */
    public ClusterView(List<MemberView> members) {
        this(members, List.of());
    }

    /** The view of one node, if the spec has it. */
    public Optional<MemberView> member(String nodeId) {
        return members.stream().filter(member -> member.nodeId().equals(nodeId)).findFirst();
    }

    /** The member that reports itself leader (or primary), if exactly one answers so. */
    public Optional<MemberView> leader() {
        List<MemberView> leaders = members.stream()
                .filter(member -> member.answering()
                        && (member.role() == MemberRole.LEADER || member.role() == MemberRole.PRIMARY))
                .toList();
        return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
    }

    /** The highest position any answering member reports. */
    public long highestPosition() {
        return members.stream().filter(MemberView::answering).mapToLong(MemberView::position).max().orElse(0);
    }
}
