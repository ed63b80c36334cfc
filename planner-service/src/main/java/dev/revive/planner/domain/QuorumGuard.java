package dev.revive.planner.domain;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Safety rule 2: a plan never disrupts more members at once than the cluster can lose. The
 * disrupted members are the nodes with an open fault plus the plan's target; they must not exceed
 * {@link ClusterSpec#toleratedFailures()} nor the policy's {@code maxConcurrentDisruptions}.
 */
public final class QuorumGuard {

    private QuorumGuard() {
    }

    /** Why restarting {@code target} now is unsafe, one sentence per broken limit; empty when it is safe. */
    public static List<String> check(ClusterSpec spec, Set<String> openNodes, String target) {
        Set<String> down = disrupted(spec, openNodes, target);
        int members = spec.nodes().size();
        List<String> concerns = new ArrayList<>();
        if (down.size() > spec.toleratedFailures()) {
            concerns.add(String.format(
                    "quorum: restarting %s would have %s down at once (%d of %d members, counting open faults); "
                            + "the cluster keeps its quorum of %d only with at most %d down",
                    target, String.join(", ", down), down.size(), members, spec.quorum(), spec.toleratedFailures()));
        }
        int allowed = spec.policy().maxConcurrentDisruptions();
        if (down.size() > allowed) {
            concerns.add(String.format("policy: maxConcurrentDisruptions is %d but %s would be down at once (%d)",
                    allowed, String.join(", ", down), down.size()));
        }
        return concerns;
    }

    private static Set<String> disrupted(ClusterSpec spec, Set<String> openNodes, String target) {
        Set<String> down = new TreeSet<>(openNodes);
        down.add(target);
        down.retainAll(spec.nodes().stream().map(NodeSpec::id).toList());
        return down;
    }
}
