package dev.revive.targets.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeMetadataQuorumOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** Reads a {@link KafkaState} through one Admin client: five calls, each bounded by the call timeout. */
final class KafkaMetadata {

    private final KafkaAdmins admins;

    KafkaMetadata(KafkaAdmins admins) {
        this.admins = admins;
    }

    /**
     * Reads brokers, quorum and partitions.
     *
     * @throws dev.revive.targets.TargetException when a call fails or times out
     */
    KafkaState read(Admin admin) {
        Map<Integer, KafkaState.Broker> brokers = brokers(admin);
        QuorumInfo quorum = admins.get(admin.describeMetadataQuorum(
                new DescribeMetadataQuorumOptions().timeoutMs(admins.timeoutMs())).quorumInfo(), "describe quorum");
        Map<Integer, Long> voterEnds = quorum.voters().stream()
                .collect(Collectors.toMap(QuorumInfo.ReplicaState::replicaId, QuorumInfo.ReplicaState::logEndOffset));
        return new KafkaState(brokers, quorum.leaderId(), voterEnds, partitions(admin));
    }

    /** Every registered broker, fenced ones included. */
    Map<Integer, KafkaState.Broker> brokers(Admin admin) {
        Collection<Node> nodes = admins.get(admin.describeCluster(new DescribeClusterOptions()
                .includeFencedBrokers(true).timeoutMs(admins.timeoutMs())).nodes(), "describe cluster");
        return nodes.stream().collect(Collectors.toMap(Node::id,
                node -> new KafkaState.Broker(node.id(), node.host() + ":" + node.port(), node.isFenced())));
    }

    private List<KafkaState.Partition> partitions(Admin admin) {
        Set<String> names = admins.get(admin.listTopics(new ListTopicsOptions().listInternal(true)
                .timeoutMs(admins.timeoutMs())).names(), "list topics");
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> topics = admins.get(admin.describeTopics(names,
                new DescribeTopicsOptions().timeoutMs(admins.timeoutMs())).allTopicNames(), "describe topics");
        Map<String, Integer> minInSync = minInSync(admin, names);
        return topics.values().stream()
                .flatMap(topic -> topic.partitions().stream().map(partition ->
                        partition(topic.name(), partition, minInSync.getOrDefault(topic.name(), 1))))
                .sorted(java.util.Comparator.comparing(KafkaState.Partition::topic)
                        .thenComparingInt(KafkaState.Partition::partition))
                .toList();
    }

    private Map<String, Integer> minInSync(Admin admin, Set<String> names) {
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = admins.get(admin.describeConfigs(resources,
                new DescribeConfigsOptions().timeoutMs(admins.timeoutMs())).all(), "describe topic configs");
        Map<String, Integer> byTopic = new HashMap<>();
        configs.forEach((resource, config) -> {
            ConfigEntry entry = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            if (entry != null && entry.value() != null) {
                byTopic.put(resource.name(), Integer.parseInt(entry.value()));
            }
        });
        return byTopic;
    }

    private static KafkaState.Partition partition(String topic, TopicPartitionInfo info, int minInSync) {
        Function<List<Node>, List<Integer>> ids = nodes -> nodes.stream().map(Node::id).toList();
        int leader = info.leader() == null || info.leader().isEmpty() ? -1 : info.leader().id();
        return new KafkaState.Partition(topic, info.partition(), ids.apply(info.replicas()), ids.apply(info.isr()),
                leader, minInSync);
    }
}
