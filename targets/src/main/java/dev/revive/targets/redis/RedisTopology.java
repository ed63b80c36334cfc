package dev.revive.targets.redis;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every node of a Redis cluster says of its replication at one moment (INFO replication), in spec order: the
 * answers of the nodes that answered and why the others did not. The actions decide on this, never on the spec's
 * roles, which a failover makes stale.
 *
 * @param spec     the cluster
 * @param answers  each answering node's replication, by node id
 * @param silent   why each other node did not answer, by node id
 */
record RedisTopology(ClusterSpec spec, Map<String, ReplicationInfo> answers, Map<String, String> silent) {

    /** Asks every node of {@code spec}, each call bounded by the adapter. */
    static RedisTopology read(RedisAdapter redis, ClusterSpec spec) {
        Map<String, ReplicationInfo> answers = new LinkedHashMap<>();
        Map<String, String> silent = new LinkedHashMap<>();
        for (NodeSpec node : spec.nodes()) {
            try {
                answers.put(node.id(), redis.replication(node.endpoints().client()));
            } catch (TargetException e) {
                silent.put(node.id(), e.kind() + " " + e.getMessage());
            }
        }
        return new RedisTopology(spec, answers, silent);
    }

    /** What {@code nodeId} says, if it answered. */
    Optional<ReplicationInfo> of(String nodeId) {
        return Optional.ofNullable(answers.get(nodeId));
    }

    /** The answering nodes that say they are primaries. */
    List<String> primaries() {
        return answers.entrySet().stream().filter(entry -> entry.getValue().isPrimary()).map(Map.Entry::getKey)
                .toList();
    }

    /** The answering nodes that say they are replicas. */
    List<String> replicas() {
        return answers.entrySet().stream().filter(entry -> entry.getValue().isReplica()).map(Map.Entry::getKey)
                .toList();
    }

    /** Whether {@code replica} answers as a replica of node {@code primary} (by the primary's spec endpoint). */
    boolean follows(String replica, String primary) {
        NodeSpec node = spec.node(primary).orElseThrow();
        String endpoint = node.endpoints().client();
        return of(replica).map(info -> info.follows(RedisAdapter.host(endpoint), RedisAdapter.port(endpoint)))
                .orElse(false);
    }

    /** The node a replica's {@code master_host:master_port} names, if it is a node of the spec. */
    Optional<String> primaryOf(String replica) {
        return of(replica).filter(ReplicationInfo::isReplica).flatMap(info -> spec.nodes().stream()
                .filter(node -> info.follows(RedisAdapter.host(node.endpoints().client()),
                        RedisAdapter.port(node.endpoints().client())))
                .map(NodeSpec::id).findFirst());
    }

    /**
     * The cluster's one primary: the only answering node that says it is primary, when every answering replica
     * follows it; empty otherwise (none, two, or replicas that follow someone else).
     */
    Optional<String> onePrimary() {
        List<String> primaries = primaries();
        if (primaries.size() != 1) {
            return Optional.empty();
        }
        String primary = primaries.get(0);
        return replicas().stream().allMatch(replica -> follows(replica, primary)) ? Optional.of(primary)
                : Optional.empty();
    }

    /** The answering replicas, as promotion candidates, except {@code excluded}. */
    List<PromotionCandidate> candidates(String excluded) {
        List<PromotionCandidate> candidates = new ArrayList<>();
        answers.forEach((id, info) -> {
            if (info.isReplica() && !id.equals(excluded)) {
                candidates.add(new PromotionCandidate(id, info.replicaPriority() < 0 ? 100 : info.replicaPriority(),
                        info.offset(), info.runId()));
            }
        });
        return candidates;
    }

    /** {@code r1 primary, offset 10, 2 replicas; r2 replica of …; r3 does not answer (REFUSED …)}. */
    String summary() {
        List<String> parts = new ArrayList<>();
        spec.nodes().forEach(node -> parts.add(node.id() + " " + (answers.containsKey(node.id())
                ? answers.get(node.id()).summary() : "does not answer (" + silent.get(node.id()) + ")")));
        return String.join("; ", parts);
    }
}
