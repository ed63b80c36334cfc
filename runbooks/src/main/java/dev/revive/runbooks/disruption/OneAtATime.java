package dev.revive.runbooks.disruption;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * For clusters of stateless workers whose work moves to the others (Kafka Connect): any number may be down by
 * fault, but Revive takes down only one at a time, and only while another member is healthy to take its work.
 * Unlike {@link MajorityQuorum} it lets a two-worker cluster restart one worker.
 */
public final class OneAtATime implements DisruptionModel {

    @Override
    public List<String> planningConcerns(ClusterSpec spec, Set<String> down, String target) {
        return concerns(spec, down, target, "a worker");
    }

    /**
     * The concerns of restarting {@code target} while other nodes of {@code spec} have open faults ({@code down}):
     * one sentence naming them ({@code node}: what the cluster's nodes are called), and the policy's own limit.
     */
    static List<String> concerns(ClusterSpec spec, Set<String> down, String target, String node) {
        Set<String> known = new TreeSet<>(spec.nodes().stream().map(NodeSpec::id).toList());
        Set<String> others = new TreeSet<>(down);
        others.retainAll(known);
        others.remove(target);
        List<String> concerns = new ArrayList<>();
        if (!others.isEmpty()) {
            concerns.add(String.format("one at a time: restarting %s while %s also has an open fault; "
                    + "%s is restarted only while every other one runs", target, String.join(", ", others), node));
        }
        DisruptionModel.policyConcern(spec, DisruptionModel.disrupted(spec, others, target)).ifPresent(concerns::add);
        return concerns;
    }

    @Override
    public Optional<String> refusal(ClusterSpec spec, ClusterView live, String target) {
        boolean anotherHealthy = live.members().stream()
                .anyMatch(member -> !member.nodeId().equals(target) && member.healthy());
        if (anotherHealthy || spec.nodes().size() == 1) {
            return Optional.empty();
        }
        return Optional.of("refusing to take " + target + " down: no other member of " + spec.id()
                + " is healthy to take over its work");
    }
}
