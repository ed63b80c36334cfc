package dev.revive.executor.plan;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;

/**
 * The executor's own check of safety rule 2 before it takes a running member down: the other
 * voting members that answer as healthy must still form a quorum. The planner checks this when it
 * plans; the executor checks it again against the cluster as it is at the moment of acting.
 */
final class QuorumGuard {

    private final EtcdMembers members;

    QuorumGuard(EtcdMembers members) {
        this.members = members;
    }

    /** Why taking {@code target} down now would break the quorum, or null when it would not. */
    String refusalToDisrupt(ClusterSpec spec, NodeSpec target) {
        if (target.role() == NodeRole.LEARNER) {
            return null;
        }
        long healthyOthers = spec.nodes().stream()
                .filter(node -> node.role() != NodeRole.LEARNER && !node.id().equals(target.id()))
                .filter(node -> members.isHealthy(node.endpoints().client()))
                .count();
        if (healthyOthers >= spec.quorum()) {
            return null;
        }
        return "refusing to take " + target.id() + " down: only " + healthyOthers
                + " other voting members are healthy and the quorum of " + spec.id() + " is " + spec.quorum();
    }
}
