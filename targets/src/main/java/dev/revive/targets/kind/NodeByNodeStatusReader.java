package dev.revive.targets.kind;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.runbooks.disruption.ClusterView;
import dev.revive.runbooks.disruption.MemberView;

/** A status reader that asks every node of the spec on its own, in spec order. */
public interface NodeByNodeStatusReader extends StatusReader {

    /** What {@code node} of {@code spec} says about itself now; bounded, never throws for a silent node. */
    MemberView member(ClusterSpec spec, NodeSpec node);

    @Override
    default ClusterView read(ClusterSpec spec) {
        return new ClusterView(spec.nodes().stream().map(node -> member(spec, node)).toList());
    }
}
