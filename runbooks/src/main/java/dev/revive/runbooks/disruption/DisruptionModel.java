package dev.revive.runbooks.disruption;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a kind's cluster can lose at once: safety rule 3. Asked twice: by the planner, against the
 * nodes with open faults, and by the executor right before it takes a running member down, against
 * the live membership.
 */
public interface DisruptionModel {

    /**
     * At planning time: why taking {@code target} down while the nodes in {@code down} have open faults
     * is unsafe, one sentence per broken limit (the policy's {@code maxConcurrentDisruptions} included);
     * empty when it is safe.
     */
    List<String> planningConcerns(ClusterSpec spec, Set<String> down, String target);

    /** At acting time: why taking {@code target} down now, given the live view, is refused; empty when allowed. */
    Optional<String> refusal(ClusterSpec spec, ClusterView live, String target);

    /** The nodes of {@code spec} that would be down at once: those in {@code down} and {@code target}, sorted. */
    static Set<String> disrupted(ClusterSpec spec, Set<String> down, String target) {
        Set<String> disrupted = new TreeSet<>(down);
        disrupted.add(target);
        disrupted.retainAll(spec.nodes().stream().map(NodeSpec::id).toList());
        return disrupted;
    }

    /** The policy's own limit: {@code maxConcurrentDisruptions} against the nodes that would be down at once. */
    static Optional<String> policyConcern(ClusterSpec spec, Set<String> disrupted) {
        int allowed = spec.policy().maxConcurrentDisruptions();
        return disrupted.size() <= allowed ? Optional.empty()
                : Optional.of(String.format("policy: maxConcurrentDisruptions is %d but %s would be down at once (%d)",
                        allowed, String.join(", ", disrupted), disrupted.size()));
    }
}
