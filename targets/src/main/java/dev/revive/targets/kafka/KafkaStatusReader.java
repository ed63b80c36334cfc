package dev.revive.targets.kafka;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.runbooks.disruption.ClusterView;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.runbooks.disruption.ReplicaSet;
import dev.revive.targets.TargetException;
import dev.revive.targets.kind.StatusReader;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live view of a Kafka cluster from one metadata read: per node, whether its broker is registered and unfenced
 * (answering), and in the ISR of every partition it replicates too (healthy); LEADER for the active controller, else
 * FOLLOWER; its position is its log end offset in the metadata quorum. The replica sets are every partition with its
 * replicas, ISR and {@code min.insync.replicas}, as spec node ids.
 */
public final class KafkaStatusReader implements StatusReader {

    private final KafkaAdmins admins;
    private final KafkaMetadata metadata;

    public KafkaStatusReader(KafkaAdmins admins) {
        this.admins = admins;
        this.metadata = new KafkaMetadata(admins);
    }

    @Override
    public ClusterView read(ClusterSpec spec) {
        KafkaState state;
        try {
            state = metadata.read(admins.forCluster(spec));
        } catch (TargetException e) {
            return new ClusterView(spec.nodes().stream()
                    .map(node -> MemberView.silent(node.id(), "cluster metadata unreadable: " + e.getMessage()))
                    .toList());
        }
        List<MemberView> members = spec.nodes().stream().map(node -> member(spec, state, node)).toList();
        List<ReplicaSet> sets = state.partitions().stream()
                .map(partition -> new ReplicaSet(partition.name(), ids(spec, state, partition.replicas()),
                        ids(spec, state, partition.isr()), Math.max(1, partition.minInSync())))
                .toList();
        return new ClusterView(members, sets);
    }

    private static MemberView member(ClusterSpec spec, KafkaState state, NodeSpec node) {
        OptionalInt id = state.brokerId(node);
        if (id.isEmpty()) {
            return MemberView.silent(node.id(), "no broker registered at " + KafkaAdmins.hostPort(node));
        }
        int brokerId = id.getAsInt();
        if (state.brokers().get(brokerId).fenced()) {
            return MemberView.silent(node.id(), "broker " + brokerId + " is fenced");
        }
        List<String> lagging = state.partitions().stream()
                .filter(partition -> partition.replicas().contains(brokerId) && !partition.isr().contains(brokerId))
                .map(KafkaState.Partition::name).toList();
        MemberRole role = state.leaderId() == brokerId ? MemberRole.LEADER : MemberRole.FOLLOWER;
        long position = state.voterEnds().getOrDefault(brokerId, 0L);
        String detail = "broker " + brokerId + (lagging.isEmpty() ? " in sync everywhere"
                : " out of the ISR of " + lagging.size() + " partition(s): " + String.join(", ",
                lagging.subList(0, Math.min(10, lagging.size()))));
        return new MemberView(node.id(), true, lagging.isEmpty(), role, position, detail);
    }

    private static Set<String> ids(ClusterSpec spec, KafkaState state, List<Integer> brokers) {
        return brokers.stream().map(id -> state.nodeId(spec, id)).collect(Collectors.toSet());
    }
}
