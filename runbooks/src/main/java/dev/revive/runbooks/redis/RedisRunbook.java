package dev.revive.runbooks.redis;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.runbooks.AbstractRunbook;
import dev.revive.runbooks.diagnosis.Finding;
import dev.revive.runbooks.disruption.PrimaryReplica;
import dev.revive.runbooks.steps.RestartSteps;
import dev.revive.runbooks.steps.StepSettings;
import java.util.List;
import java.util.Set;

/**
 * Redis with replicas (the first primary/replica kind; {@link PrimaryReplica}). Roles change on a failover, so no step
 * is chosen by the spec's role: the same plan answers a replica's fault and the primary's, and the executor's handlers
 * read the live roles.
 * <ul>
 * <li>A node's fault ({@link #FAILURE}): {@code 01-isolate} (its server to maintenance in the load balancer, where the
 * spec names one), {@code 02-stop} and {@code 03-force-kill} (a hung primary is killed before anyone is promoted:
 * never two primaries), {@code 04-promote} (SKIPPED unless the node was the primary; then the best replica by
 * Sentinel's order becomes the primary, the others follow it, and the step states the data-loss bound against the
 * primary's last known offset from the fault's evidence), {@code 05-clean-temp} (also Redis's rewrite and save
 * leftovers, never the AOF or RDB), {@code 06-start} (as a replica of the live primary when there is one),
 * {@code 07-await-healthy}, {@code 08-await-caught-up} (linked, offset up to the primary's), {@code 09-rejoin}.</li>
 * <li>A primary that hangs but runs is given the policy's confirm window to answer again before the plan is made (the
 * triage's CONFIRM_THEN_RESTART), and the STOP re-probes it: one that came back is left alone.</li>
 * <li>A rolling restart ({@link #PLANNED}, replicas first, the live primary last): each node isolated, then — a no-op
 * for a replica — writes fenced on the primary ({@code CLIENT PAUSE WRITE}), a switchover to the most caught-up replica
 * ({@code FAILOVER}), the fence lifted; then the node restarted as a replica.</li>
 * </ul>
 */
public final class RedisRunbook extends AbstractRunbook {

    /** The restart of a node after a fault: the primary stopped before a replica is promoted. */
    public static final RestartSteps FAILURE = RestartSteps.numbered(List.of(Action.ISOLATE, Action.STOP,
            Action.FORCE_KILL, Action.PROMOTE, Action.CLEAN_TEMP, Action.START, Action.AWAIT_HEALTHY,
            Action.AWAIT_CAUGHT_UP, Action.REJOIN));

    /** The planned restart of a node that serves: handed off first when it is the primary, then restarted. */
    public static final RestartSteps PLANNED = RestartSteps.numbered(List.of(Action.ISOLATE, Action.FENCE_WRITES,
            Action.PROMOTE, Action.UNFENCE, Action.STOP, Action.FORCE_KILL, Action.CLEAN_TEMP, Action.START,
            Action.AWAIT_HEALTHY, Action.AWAIT_CAUGHT_UP, Action.REJOIN));

    public RedisRunbook() {
        super(SystemKind.REDIS, new PrimaryReplica(), FAILURE);
    }

    /** The node's restart, its PROMOTE told the failed node's last known replication offset where a probe saw one. */
    @Override
    public List<PlanStep> recovery(ClusterSpec spec, NodeSpec node, Finding fault, Set<String> openNodes,
            StepSettings settings, boolean confirmUnresponsive) {
        Long lastKnown = lastKnownPosition(fault);
        return nodeRestart(spec, node, openNodes, settings, confirmUnresponsive).stream()
                .map(step -> step.action() == Action.PROMOTE && lastKnown != null
                        ? new PlanStep(step.stepId(), step.action(), step.nodeId(),
                                step.params().withLastKnownPosition(lastKnown), step.onFailure())
                        : step)
                .toList();
    }

    /** Every node in turn ({@link #PLANNED}); the executor runs the live primary's steps last. */
    @Override
    public List<PlanStep> rollingRestart(ClusterSpec spec, StepSettings settings) {
        return PLANNED.rolling(spec, settings);
    }

    /** The {@link FaultEvent#LAST_POSITION} of the fault's evidence, or null when absent or not a count of bytes. */
    static Long lastKnownPosition(Finding fault) {
        String position = fault.evidence().get(FaultEvent.LAST_POSITION);
        if (position == null || !position.matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(position);
    }
}
