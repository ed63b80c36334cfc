package dev.revive.targets.redis;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import java.util.List;

/**
 * One Redis node's INFO replication and persistence as read now, or why it said nothing.
 *
 * @param node        the spec's node
 * @param replication what it says of its replication (null when it did not answer)
 * @param persistence what it says of its persistence (null when it did not answer)
 * @param error       why it did not answer (null when it did)
 */
record NodeReading(NodeSpec node, ReplicationInfo replication, PersistenceInfo persistence, String error) {

    static NodeReading of(RedisAdapter redis, NodeSpec node) {
        String endpoint = node.endpoints().client();
        try {
            return new NodeReading(node, redis.replication(endpoint), redis.persistence(endpoint), null);
        } catch (TargetException e) {
            return new NodeReading(node, null, null, e.kind() + " " + e.getMessage());
        }
    }

    static List<NodeReading> all(RedisAdapter redis, List<NodeSpec> nodes) {
        return nodes.stream().map(node -> of(redis, node)).toList();
    }

    String id() {
        return node.id();
    }

    String endpoint() {
        return node.endpoints().client();
    }

    boolean answering() {
        return replication != null;
    }

    boolean isPrimary() {
        return answering() && replication.isPrimary();
    }

    /** True when this node is a replica of {@code primary}'s endpoint. */
    boolean follows(NodeReading primary) {
        return answering() && replication.follows(RedisAdapter.host(primary.endpoint()),
                RedisAdapter.port(primary.endpoint()));
    }

    /** True when this node is a replica of {@code primary} with its link up. */
    boolean linkedTo(NodeReading primary) {
        return follows(primary) && replication.linked();
    }

    /** Its role, offset and state in words, or why it said nothing. */
    String describe() {
        if (!answering()) {
            return "silent: " + error;
        }
        return replication.summary() + (persistence.loading() ? ", loading its dataset" : "");
    }
}
