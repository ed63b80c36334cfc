package dev.revive.targets.kafka;

import dev.revive.targets.TargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
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

    /**
     * High watermarks read partition by partition.
     *
     * @param read        the high watermark of every partition that answered, by {@code topic-partition}
     * @param unavailable the partitions whose leader did not answer in time (right after a broker died, its
     *                    partitions have no leader until it is fenced)
     */
    record Watermarks(Map<String, Long> read, List<String> unavailable) {
    }

    /**
     * The high watermark (latest offset, read_uncommitted) of every partition that answers within the call timeout;
     * a partition whose leader is gone is listed as unavailable instead of failing the whole read.
     */
    Watermarks highWatermarks(Admin admin, Collection<KafkaState.Partition> partitions) {
        if (partitions.isEmpty()) {
            return new Watermarks(Map.of(), List.of());
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(
                partition -> new TopicPartition(partition.topic(), partition.partition()),
                partition -> OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(request, new ListOffsetsOptions().timeoutMs(admins.timeoutMs()));
        Map<String, Long> read = new HashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (TopicPartition partition : request.keySet()) {
            try {
                read.put(partition.toString(), admins.get(result.partitionResult(partition),
                        "list offsets of " + partition).offset());
            } catch (TargetException e) {
                if (e.kind() != TargetException.Kind.TIMEOUT) {
                    throw e;
                }
                unavailable.add(partition.toString());
            }
        }
        Collections.sort(unavailable);
        return new Watermarks(read, unavailable);
    }

    /** Every consumer group with its state. */
    Map<String, GroupListing> consumerGroups(Admin admin) {
        Collection<GroupListing> groups = admins.get(admin.listGroups(ListGroupsOptions.forConsumerGroups()
                .timeoutMs(admins.timeoutMs())).all(), "list consumer groups");
        return groups.stream().collect(Collectors.toMap(GroupListing::groupId, Function.identity()));
    }

    /**
     * Every consumer group's committed offsets, by {@code topic-partition}, as far as the brokers that answer know
     * them: the groups are listed from every broker that answers within half the call timeout (a dead broker's share
     * is left out, not waited for), and a group whose coordinator does not answer in time is left out too.
     */
    Map<String, Map<String, Long>> committedOffsets(Admin admin) {
        Collection<GroupListing> answering = admins.get(admin.listGroups(ListGroupsOptions.forConsumerGroups()
                .timeoutMs(admins.timeoutMs() / 2)).valid(), "list consumer groups");
        Map<String, Map<String, Long>> byGroup = new HashMap<>();
        for (String group : answering.stream().map(GroupListing::groupId).toList()) {
            ListConsumerGroupOffsetsOptions options =
                    new ListConsumerGroupOffsetsOptions().timeoutMs(admins.timeoutMs());
            Map<TopicPartition, OffsetAndMetadata> committed;
            try {
                committed = admins.get(admin.listConsumerGroupOffsets(group, options).partitionsToOffsetAndMetadata(),
                        "list offsets of group " + group);
            } catch (TargetException e) {
                if (e.kind() != TargetException.Kind.TIMEOUT) {
                    throw e;
                }
                continue;
            }
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
