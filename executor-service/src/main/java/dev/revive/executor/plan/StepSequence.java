package dev.revive.executor.plan;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.validation.LogSafe;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The order in which a plan's steps run: the plan's order, except that in a run of steps that name members (between
 * steps that name none, like a cluster's snapshot) each member's steps stay together and the live leader's go after
 * every other member's. Before each member's turn: a member whose steps an earlier run began goes first (it is down
 * or half restarted); else, when more than one member is left, the leader is asked for ({@link LeaderLookup}) and, if
 * it is the next one, the first other member goes instead. A plan for one node is run in its own order. The order
 * the steps really ran in is the order of their step events.
 */
final class StepSequence {

    private static final Logger LOG = Logger.getLogger(StepSequence.class);

    private final RecoveryPlan plan;
    private final ClusterSpec spec;
    private final PlanProgress earlier;
    private final LeaderLookup leaders;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private final Deque<PlanStep> pending = new ArrayDeque<>();

    StepSequence(RecoveryPlan plan, ClusterSpec spec, PlanProgress earlier, LeaderLookup leaders) {
        this.plan = plan;
        this.spec = spec;
        this.earlier = earlier;
        this.leaders = leaders;
        Map<String, List<PlanStep>> members = new LinkedHashMap<>();
        for (PlanStep step : plan.steps()) {
            if (step.nodeId() == null) {
                flush(members);
                segments.add(new Segment.OfCluster(step));
            } else {
                members.computeIfAbsent(step.nodeId(), node -> new ArrayList<>()).add(step);
            }
        }
        flush(members);
    }

    /** The next step to run, or empty after the last. */
    Optional<PlanStep> next() {
        while (pending.isEmpty() && !segments.isEmpty()) {
            Segment segment = segments.peek();
            if (segment instanceof Segment.OfCluster cluster) {
                segments.pop();
                return Optional.of(cluster.step());
            }
            Map<String, List<PlanStep>> members = ((Segment.OfMembers) segment).steps();
            if (members.isEmpty()) {
                segments.pop();
            } else {
                pending.addAll(members.remove(nextMember(members)));
            }
        }
        return Optional.ofNullable(pending.poll());
    }

    private void flush(Map<String, List<PlanStep>> members) {
        if (!members.isEmpty()) {
            segments.add(new Segment.OfMembers(new LinkedHashMap<>(members)));
            members.clear();
        }
    }

    /** A step that names no member, or a run of members' steps (in plan order, emptied as members take turns). */
    private sealed interface Segment {
        record OfCluster(PlanStep step) implements Segment {
        }

        record OfMembers(Map<String, List<PlanStep>> steps) implements Segment {
        }
    }

    private String nextMember(Map<String, List<PlanStep>> members) {
        String first = members.keySet().iterator().next();
        Optional<String> begun = members.entrySet().stream()
                .filter(member -> member.getValue().stream().anyMatch(step -> earlier.step(step.stepId()).lastStatus() != null))
                .map(Map.Entry::getKey).findFirst();
        if (begun.isPresent() || members.size() < 2) {
            return begun.orElse(first);
        }
        Optional<String> leader = leader();
        if (leader.isEmpty() || !leader.get().equals(first)) {
            return first;
        }
        String instead = members.keySet().stream().skip(1).findFirst().orElseThrow();
        LOG.infof("plan %s: %s leads cluster %s now, so its steps wait until the other members' are done; %s goes "
                + "first", plan.planId(), LogSafe.text(first), plan.clusterId(), LogSafe.text(instead));
        return instead;
    }

    private Optional<String> leader() {
        try {
            return leaders.leaderOf(spec);
        } catch (RuntimeException e) {
            LOG.warnf("plan %s: cannot tell which member of %s leads (%s); the members keep the plan's order",
                    plan.planId(), plan.clusterId(), LogSafe.text(e.getMessage()));
            return Optional.empty();
        }
    }
}
