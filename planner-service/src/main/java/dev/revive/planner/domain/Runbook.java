package dev.revive.planner.domain;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.validation.Check;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that turn a new incident into a decision. A fault on one etcd member gets the
 * node-restart plan; its mode is AUTO unless the policy says DRY_RUN or APPROVAL_REQUIRED, or the
 * quorum guard or the restart budget object, in which case it is APPROVAL_REQUIRED and the mode
 * reason names the nodes and the numbers. Cluster-wide faults, other system kinds and nodes that
 * are not in the spec are escalated with an approval-only notice plan that has no steps.
 */
public final class Runbook {

    /** Every incident gets one plan revision here; a later revision would supersede it. */
    public static final int FIRST_REVISION = 1;

    private final NodeRestartSteps restartSteps;

    public Runbook(RunbookSettings settings) {
        this.restartSteps = new NodeRestartSteps(settings);
    }

    /** The plan id of an incident's revision: {@code <incidentId>-r<revision>}. */
    public static String planId(String incidentId, int revision) {
        return incidentId + "-r" + revision;
    }

    /**
     * Decides what to do about a new incident.
     *
     * @param spec      the registered cluster
     * @param incident  the incident, state OPEN
     * @param openNodes the nodes with an open fault, the target included
     * @param budget    the restart history
     * @param now       the plan's creation time
     */
    public Decision decide(ClusterSpec spec, Incident incident, Set<String> openNodes, RestartBudgetTracker budget,
            Instant now) {
        Optional<String> noRunbook = whyNoRunbook(spec, incident);
        if (noRunbook.isPresent()) {
            return new Decision.Escalate(noRunbook.get(), notice(incident, noRunbook.get(), now));
        }
        NodeSpec node = spec.node(incident.targetNodeId()).orElseThrow();
        List<String> concerns = new ArrayList<>(QuorumGuard.check(spec, openNodes, node.id()));
        budget.check(node.id(), spec.policy().restartBudget(), now).ifPresent(concerns::add);
        PlanMode mode = mode(spec.policy(), concerns);
        String modeReason = modeReason(spec, mode, concerns);
        return Decision.execute(new RecoveryPlan(planId(incident.incidentId(), FIRST_REVISION), incident.incidentId(),
                incident.clusterId(), FIRST_REVISION, PlanScope.NODE, mode, modeReason, incident.faultIds(),
                restartSteps.steps(spec, node, openNodes), incident.detectedAt(), now));
    }

    private static Optional<String> whyNoRunbook(ClusterSpec spec, Incident incident) {
        if (incident.targetNodeId() == null) {
            return Optional.of("cluster-wide fault(s) " + String.join(", ", incident.faultIds())
                    + " name no node: Revive has no automatic runbook for a whole cluster, a human must decide");
        }
        if (spec.kind() != SystemKind.ETCD) {
            return Optional.of("no runbook for " + spec.kind() + " clusters yet (the node-restart runbook is for etcd); "
                    + "node " + incident.targetNodeId() + " needs a human");
        }
        if (spec.node(incident.targetNodeId()).isEmpty()) {
            return Optional.of("node " + incident.targetNodeId() + " is no longer in the spec of cluster "
                    + spec.id() + ": nothing safe to restart");
        }
        return Optional.empty();
    }

    private static PlanMode mode(Policy policy, List<String> concerns) {
        if (policy.mode() == PlanMode.DRY_RUN) {
            return PlanMode.DRY_RUN;
        }
        return concerns.isEmpty() ? policy.mode() : PlanMode.APPROVAL_REQUIRED;
    }

    private static String modeReason(ClusterSpec spec, PlanMode mode, List<String> concerns) {
        List<String> parts = new ArrayList<>();
        if (spec.policy().mode() != PlanMode.AUTO) {
            parts.add("policy of cluster " + spec.id() + " is " + spec.policy().mode());
        }
        parts.addAll(concerns);
        return mode == PlanMode.AUTO ? null : bounded(String.join("; ", parts));
    }

    /** An approval-only plan without steps that tells readers of the plans topic a human is needed. */
    static RecoveryPlan notice(Incident incident, String why, Instant now) {
        PlanScope scope = incident.targetNodeId() == null ? PlanScope.CLUSTER : PlanScope.NODE;
        return new RecoveryPlan(planId(incident.incidentId(), FIRST_REVISION), incident.incidentId(),
                incident.clusterId(), FIRST_REVISION, scope, PlanMode.APPROVAL_REQUIRED, bounded("escalated: " + why),
                incident.faultIds(), List.of(), incident.detectedAt(), now);
    }

    private static String bounded(String text) {
        return text.length() <= Check.MAX_TEXT ? text : text.substring(0, Check.MAX_TEXT - 1) + "…";
    }
}
