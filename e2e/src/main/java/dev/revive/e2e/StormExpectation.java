package dev.revive.e2e;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.TriageResponse;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.runbooks.decision.NodeRecovery;
import dev.revive.runbooks.triage.TriageTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the planner must make of the storm on the paper clusters, derived from the triage table and the incident
 * rules of DESIGN.md ("Triage"), not from what the planner emitted. On a cluster with no incident under way a
 * fault opens one: a NOTICE response is one NOTICE plan and the incident closes at once; a cluster-wide fault of a
 * cluster that may be down (PROCESS_DOWN, UNREACHABLE, TASK_FAILED) that triage would act on escalates (a NOTICE plan
 * "escalated: …"), one of running members is a rolling restart and, as the storm never makes one that runs by
 * itself, needs a human like a node's; a response that needs a human is one APPROVAL_REQUIRED plan and the incident holds the cluster (the approval timeout is far
 * longer than the storm), so every later fault of that cluster is kept on it without a plan. A fault whose event id
 * was seen before changes nothing. Paper clusters get no other input, so this is exact, in order.
 */
public final class StormExpectation {

    /**
     * One expected plan.
     *
     * @param mode      its mode
     * @param faultIds  its reason: the fault that opened its incident
     * @param escalated true for the notice of an escalated incident
     */
    public record ExpectedPlan(PlanMode mode, List<String> faultIds, boolean escalated) {

        /** What the event log shows of {@code plan}, in the same terms. */
        public static ExpectedPlan seen(RecoveryPlan plan) {
            return new ExpectedPlan(plan.mode(), plan.reason(), plan.escalation());
        }
    }

    private final Map<String, List<ExpectedPlan>> plans;
    private final Set<String> kept;

    private StormExpectation(Map<String, List<ExpectedPlan>> plans, Set<String> kept) {
        this.plans = plans;
        this.kept = kept;
    }

    /** The expectation for the paper clusters of {@code clusters} after {@code storm}. */
    public static StormExpectation of(StormClusters clusters, StormFaults storm) {
        Map<String, ClusterSpec> specs = new LinkedHashMap<>();
        clusters.paper().forEach(spec -> specs.put(spec.id(), spec));
        Map<String, List<ExpectedPlan>> plans = new LinkedHashMap<>();
        specs.keySet().forEach(id -> plans.put(id, new ArrayList<>()));
        Set<String> held = new HashSet<>();
        Set<String> seen = new HashSet<>();
        Set<String> kept = new HashSet<>();
        for (StormFaults.Step step : storm.steps()) {
            FaultEvent fault = step.fault();
            ClusterSpec spec = specs.get(fault.clusterId());
            if (spec == null || !seen.add(fault.faultId())) {
                continue;
            }
            if (held.contains(spec.id())) {
                kept.add(fault.faultId());
                continue;
            }
            TriageResponse response = TriageTable.respond(spec, fault.kind(), fault.severity());
            List<String> reason = List.of(fault.faultId());
            if (response == TriageResponse.NOTICE) {
                plans.get(spec.id()).add(new ExpectedPlan(PlanMode.NOTICE, reason, false));
            } else if (fault.nodeId() == null && !NodeRecovery.ROLLED_FAULTS.contains(fault.kind())) {
                plans.get(spec.id()).add(new ExpectedPlan(PlanMode.NOTICE, reason, true));
            } else if (response == TriageResponse.APPROVAL || response == TriageResponse.RESTART_IF_SUSTAINED) {
                plans.get(spec.id()).add(new ExpectedPlan(PlanMode.APPROVAL_REQUIRED, reason, false));
                held.add(spec.id());
            } else {
                throw new IllegalStateException("the storm must not ask to act on paper cluster " + spec.id()
                        + ", but triage answers " + response + " to " + fault.faultId());
            }
        }
        return new StormExpectation(plans, kept);
    }

    /** Per paper cluster, its expected plans in order. */
    public Map<String, List<ExpectedPlan>> plans() {
        return plans;
    }

    /** How many plans the paper clusters get in all. */
    public int planCount() {
        return plans.values().stream().mapToInt(List::size).sum();
    }

    /** The paper faults kept on an incident that awaits approval: no plan names them. */
    public Set<String> kept() {
        return kept;
    }

    /** The paper clusters left with an incident awaiting approval. */
    public Set<String> awaitingApproval() {
        Set<String> awaiting = new HashSet<>();
        plans.forEach((cluster, expected) -> {
            if (!expected.isEmpty() && expected.get(expected.size() - 1).mode() == PlanMode.APPROVAL_REQUIRED) {
                awaiting.add(cluster);
            }
        });
        return awaiting;
    }
}
