package dev.revive.targets.kafka;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one read of a Kafka cluster's metadata saw: the registered brokers, the controller quorum and every
 * partition with its replicas, in-sync replicas and {@code min.insync.replicas}.
 *
 * @param brokers    every registered broker by id, fenced ones included
 * @param leaderId   the active controller's node id, or -1 when the quorum has no leader
 * @param voterEnds  each voter's log end offset in the metadata quorum, by node id
 * @param partitions every partition of every topic, internal ones included
 */
public record KafkaState(Map<Integer, Broker> brokers, int leaderId, Map<Integer, Long> voterEnds,
        List<Partition> partitions) {

    /** A registered broker. */
    public record Broker(int id, String hostPort, boolean fenced) {
    }

    /** A partition: its replicas, in-sync replicas and leader (-1: none) as node ids. */
    public record Partition(String topic, int partition, List<Integer> replicas, List<Integer> isr, int leader,
            int minInSync) {

        /** {@code topic-partition}. */
        public String name() {
            return topic + "-" + partition;
        }

        /** Some replica is out of the ISR. */
        public boolean underReplicated() {
            return !isr.containsAll(replicas);
        }

        /** No leader. */
        public boolean offline() {
            return leader < 0;
        }
    }

    public KafkaState {
        brokers = Map.copyOf(brokers);
        voterEnds = Map.copyOf(voterEnds);
        partitions = List.copyOf(partitions);
    }

    /** The broker id of a spec node: the broker whose listener is the node's client endpoint. */
    public OptionalInt brokerId(NodeSpec node) {
        String hostPort = KafkaAdmins.hostPort(node);
        return brokers.values().stream().filter(broker -> broker.hostPort().equals(hostPort))
                .mapToInt(Broker::id).findFirst();
    }

    /** The spec node id of a broker id, or {@code broker-<id>} when no spec node has its endpoint. */
    public String nodeId(ClusterSpec spec, int brokerId) {
        Optional<Broker> broker = Optional.ofNullable(brokers.get(brokerId));
        return broker.flatMap(known -> spec.nodes().stream()
                        .filter(node -> KafkaAdmins.hostPort(node).equals(known.hostPort())).findFirst())
                .map(NodeSpec::id).orElse("broker-" + brokerId);
    }

    /** Whether the broker of {@code node} is registered and not fenced. */
    public boolean unfenced(NodeSpec node) {
        OptionalInt id = brokerId(node);
        return id.isPresent() && !brokers.get(id.getAsInt()).fenced();
    }
}
