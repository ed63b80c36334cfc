package dev.revive.runbooks.disruption;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The majority rule of raft (etcd) and ZAB (ZooKeeper): a cluster of n voting members (learners do
 * not vote) keeps working while n/2 + 1 of them are up, so it tolerates (n - 1) / 2 down.
 */
public final class MajorityQuorum implements DisruptionModel {

    /** How many voting members must stay up for the cluster to keep a majority. */
    public static int quorum(ClusterSpec spec) {
        return voters(spec).size() / 2 + 1;
    }

    /** How many voting members the cluster can lose and keep a majority. */
    public static int toleratedFailures(ClusterSpec spec) {
        return voters(spec).size() - quorum(spec);
    }

    @Override
    public List<String> planningConcerns(ClusterSpec spec, Set<String> down, String target) {
        Set<String> disrupted = DisruptionModel.disrupted(spec, down, target);
        List<String> concerns = new ArrayList<>();
        Set<String> votersDown = new TreeSet<>(disrupted);
        votersDown.retainAll(voters(spec));
        if (votersDown.size() > toleratedFailures(spec)) {
            concerns.add(String.format(
                    "quorum: restarting %s would have %s down at once (%d of %d voting members, counting open faults); "
                            + "the cluster keeps its quorum of %d only with at most %d down",
                    target, String.join(", ", votersDown), votersDown.size(), voters(spec).size(), quorum(spec),
                    toleratedFailures(spec)));
        }
        DisruptionModel.policyConcern(spec, disrupted).ifPresent(concerns::add);
        return concerns;
    }

    /**
     * The live voters are the spec's voting members that the live view does not show as learners (a member being
     * replaced rejoins as a learner and does not vote until promoted); a learner may always go down, and a voter
     * only while a majority of the live voters other than it are healthy.
     */
    @Override
    public Optional<String> refusal(ClusterSpec spec, ClusterView live, String target) {
        Set<String> voters = voters(spec);
        live.members().stream().filter(member -> member.role() == MemberRole.LEARNER).map(MemberView::nodeId)
                .forEach(voters::remove);
        if (!voters.contains(target)) {
            return Optional.empty();
        }
        int quorum = voters.size() / 2 + 1;
        long healthyOthers = live.members().stream()
                .filter(member -> !member.nodeId().equals(target) && voters.contains(member.nodeId()))
                .filter(MemberView::healthy)
                .count();
        if (healthyOthers >= quorum) {
            return Optional.empty();
        }
        return Optional.of("refusing to take " + target + " down: only " + healthyOthers
                + " other voting members are healthy and the quorum of " + spec.id() + " is " + quorum + " of the "
                + voters.size() + " live voters " + voters);
    }

    private static Set<String> voters(ClusterSpec spec) {
        Set<String> voters = new TreeSet<>();
        spec.nodes().stream().filter(node -> node.role() != NodeRole.LEARNER).map(NodeSpec::id).forEach(voters::add);
        return voters;
    }
}
