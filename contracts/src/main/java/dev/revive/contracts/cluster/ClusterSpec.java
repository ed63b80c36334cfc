package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A registered cluster: what it is, its nodes and how to control them, and the policy Revive
 * follows for it. Loaded from YAML and published to the compacted topic {@code revive.clusters}.
 *
 * @param id     the cluster id
 * @param kind   which data system it is
 * @param nodes  its nodes, ids unique
 * @param policy how Revive may act on it
 * @param backup where its snapshots go
 */
public record ClusterSpec(String id, SystemKind kind, List<NodeSpec> nodes, Policy policy, BackupLocation backup) {

    public ClusterSpec {
        Check.id("id", id);
        Check.required("kind", kind);
        nodes = Check.list("nodes", nodes);
        if (nodes.isEmpty()) {
            throw new ContractViolation("nodes", Reason.MISSING_FIELD, "must list at least one node");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!seen.add(nodes.get(i).id())) {
                throw new ContractViolation("nodes[" + i + "].id", Reason.INVALID_VALUE,
                        "'" + nodes.get(i).id() + "' is used by an earlier node");
            }
        }
        policy = policy == null ? Policy.defaults() : policy;
        Check.required("backup", backup);
    }

    /** The node with this id, if the cluster has one. */
    public Optional<NodeSpec> node(String nodeId) {
        return nodes.stream().filter(node -> node.id().equals(nodeId)).findFirst();
    }

    /** How many voting members must stay up for the cluster to keep a majority. */
    public int quorum() {
        return votingMembers() / 2 + 1;
    }

    /** How many voting members the cluster can lose and keep a majority. */
    public int toleratedFailures() {
        return votingMembers() - quorum();
    }

    private int votingMembers() {
        return (int) nodes.stream().filter(node -> node.role() != NodeRole.LEARNER).count();
    }
}
