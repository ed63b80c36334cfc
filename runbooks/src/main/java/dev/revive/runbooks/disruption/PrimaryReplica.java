package dev.revive.runbooks.disruption;

import dev.revive.contracts.cluster.ClusterSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * For primary/replica systems (Redis; MySQL/MariaDB and PostgreSQL the same way): one primary takes the writes and the
 * replicas copy it. Revive takes down one node at a time, never the live primary while it still serves (it is handed
 * off first: a switchover, PROMOTE), and only while another node answers to hold the data. The roles are read from
 * the live cluster, never from the spec: a failover changes them.
 */
public final class PrimaryReplica implements DisruptionModel {

    @Override
    public List<String> planningConcerns(ClusterSpec spec, Set<String> down, String target) {
        return OneAtATime.concerns(spec, down, target, "a primary/replica node");
    }

    @Override
    public Optional<String> refusal(ClusterSpec spec, ClusterView live, String target) {
        Optional<MemberView> view = live.member(target);
        if (view.isPresent() && view.get().answering() && view.get().healthy()
                && view.get().role() == MemberRole.PRIMARY) {
            return Optional.of("refusing to take " + target + " down: it is the live primary of " + spec.id()
                    + " and serves writes; it is handed off to a replica first (PROMOTE)");
        }
        boolean anotherAnswers = live.members().stream()
                .anyMatch(member -> !member.nodeId().equals(target) && member.answering());
        if (anotherAnswers || spec.nodes().size() == 1) {
            return Optional.empty();
        }
        return Optional.of("refusing to take " + target + " down: no other node of " + spec.id()
                + " answers to hold the data");
    }
}
