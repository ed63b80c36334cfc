package dev.revive.runbooks.disruption;

import dev.revive.contracts.cluster.ClusterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rule of Kafka brokers, after Strimzi's KafkaRoller: never two brokers disrupted at once; and, on the live
 * view, a broker may go down only when no partition is under-replicated for a reason other than that broker itself,
 * and no partition whose in-sync replicas include it would fall below its {@code min.insync.replicas}.
 */
public final class InSyncReplicas implements DisruptionModel {

    @Override
    public List<String> planningConcerns(ClusterSpec spec, Set<String> down, String target) {
        Set<String> disrupted = DisruptionModel.disrupted(spec, down, target);
        List<String> concerns = new ArrayList<>();
        if (disrupted.size() > 1) {
            concerns.add(String.format("brokers: restarting %s would have %s down at once (%d brokers, counting open "
                    + "faults); a Kafka cluster is rolled one broker at a time", target, String.join(", ", disrupted),
                    disrupted.size()));
        }
        DisruptionModel.policyConcern(spec, disrupted).ifPresent(concerns::add);
        return concerns;
    }

    @Override
    public Optional<String> refusal(ClusterSpec spec, ClusterView live, String target) {
        for (ReplicaSet set : live.replicaSets()) {
            Set<String> others = new TreeSet<>(set.outOfSync());
            others.remove(target);
            if (!others.isEmpty()) {
                return Optional.of("refusing to take " + target + " down: partition " + set.name()
                        + " is under-replicated (out of sync: " + String.join(", ", others) + "; in sync: "
                        + sorted(set.inSync()) + ")");
            }
            if (set.inSync().contains(target) && set.inSync().size() - 1 < set.minInSync()) {
                return Optional.of("refusing to take " + target + " down: partition " + set.name() + " would keep "
                        + (set.inSync().size() - 1) + " in-sync replicas (" + sorted(set.inSync())
                        + " without it), below its min.insync.replicas of " + set.minInSync());
            }
        }
        return Optional.empty();
    }

    private static String sorted(Set<String> ids) {
        return String.join(", ", new TreeSet<>(ids));
    }
}
