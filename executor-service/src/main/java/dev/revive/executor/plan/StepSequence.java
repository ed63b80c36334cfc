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
 * steps that name none, like a cluster's snapshot) where each member's steps form one block, the blocks are taken
 * in turn and the live leader's goes after every other member's (a run whose members' steps interleave keeps its
 * order). Before each member's turn: a member whose steps an earlier run began goes first (it is down
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
        List<PlanStep> run = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            if (step.nodeId() == null) {
                flush(run);
                segments.add(new Segment.OfCluster(step));
            } else {
                run.add(step);
            }
        }
        flush(run);
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

    /**
     * Ends a run of steps on members: each member's steps together when each member's steps are already one block of
     * the run (a rolling restart); else, steps of several members interleaved on purpose (start every member, then
     * wait for them), the run keeps the plan's order, one step at a time.
     */
    private void flush(List<PlanStep> run) {
        if (run.isEmpty()) {
            return;
        }
        Map<String, List<PlanStep>> members = new LinkedHashMap<>();
        String previous = null;
        for (PlanStep step : run) {
            if (!step.nodeId().equals(previous) && members.containsKey(step.nodeId())) {
                run.forEach(inOrder -> segments.add(new Segment.OfCluster(inOrder)));
                run.clear();
                return;
            }
            members.computeIfAbsent(step.nodeId(), node -> new ArrayList<>()).add(step);
            previous = step.nodeId();
        }
        segments.add(new Segment.OfMembers(members));
        run.clear();
    }

    /** A step run where it stands, or a run of members' steps (in plan order, emptied as members take turns). */
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
