package dev.revive.targets.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Reads high watermarks, consumer groups and their committed offsets, each call bounded. */
final class KafkaOffsets {

    private final KafkaAdmins admins;

    KafkaOffsets(KafkaAdmins admins) {
        this.admins = admins;
    }

    /** The high watermark (latest offset, read_uncommitted) of every partition, by {@code topic-partition}. */
    Map<String, Long> highWatermarks(Admin admin, Collection<KafkaState.Partition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(
                partition -> new TopicPartition(partition.topic(), partition.partition()),
                partition -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admins.get(admin.listOffsets(request,
                new ListOffsetsOptions().timeoutMs(admins.timeoutMs())).all(), "list offsets");
        return offsets.entrySet().stream().collect(Collectors.toMap(entry -> entry.getKey().toString(),
                entry -> entry.getValue().offset()));
    }

    /** Every consumer group with its state. */
    Map<String, GroupListing> consumerGroups(Admin admin) {
        Collection<GroupListing> groups = admins.get(admin.listGroups(ListGroupsOptions.forConsumerGroups()
                .timeoutMs(admins.timeoutMs())).all(), "list consumer groups");
        return groups.stream().collect(Collectors.toMap(GroupListing::groupId, Function.identity()));
    }

    /** Every consumer group's committed offsets, by {@code topic-partition}. */
    Map<String, Map<String, Long>> committedOffsets(Admin admin) {
        Map<String, Map<String, Long>> byGroup = new HashMap<>();
        for (String group : consumerGroups(admin).keySet()) {
            ListConsumerGroupOffsetsOptions options =
                    new ListConsumerGroupOffsetsOptions().timeoutMs(admins.timeoutMs());
            Map<TopicPartition, OffsetAndMetadata> committed = admins.get(
                    admin.listConsumerGroupOffsets(group, options).partitionsToOffsetAndMetadata(),
                    "list offsets of group " + group);
            Map<String, Long> offsets = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    offsets.put(partition.toString(), offset.offset());
                }
            });
            byGroup.put(group, offsets);
        }
        return byGroup;
    }
}
