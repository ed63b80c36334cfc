package dev.revive.planner.domain;

import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One incident of a cluster: the faults it answers, its plan and where it stands. Immutable;
 * every change returns a new value and goes through {@link IncidentState#ensureCanMoveTo}.
 *
 * @param incidentId   the incident id
 * @param clusterId    the cluster
 * @param state        where it stands
 * @param targetNodeId the node it restarts, or null for a cluster-wide incident
 * @param faultIds     the faults it answers: those that opened it and those that arrived while it was open
 * @param detectedAt   when its first fault was observed
 * @param planId       its plan, once there is one
 * @param planMode     that plan's mode, once there is one
 * @param note         why it is in its state, in words
 */
public record Incident(
        String incidentId,
        String clusterId,
        IncidentState state,
        String targetNodeId,
        List<String> faultIds,
        Instant detectedAt,
        String planId,
        PlanMode planMode,
        String note) {

    /** The most fault ids an incident keeps (the bound of a plan's reason list). */
    public static final int MAX_FAULT_IDS = 256;

    public Incident {
        faultIds = faultIds == null ? List.of() : List.copyOf(faultIds);
    }

    /** A new incident for the open faults of one node ({@code targetNodeId} null: cluster-wide). */
    public static Incident open(String incidentId, String clusterId, String targetNodeId, List<String> faultIds,
            Instant detectedAt) {
        return new Incident(incidentId, clusterId, IncidentState.OPEN, targetNodeId, faultIds, detectedAt, null, null,
                "opened");
    }

    /** False once closed: an active incident holds the cluster, and further faults are kept on it. */
    public boolean active() {
        return state != IncidentState.CLOSED;
    }

    /** True while Revive's executor is expected to run its plan, so only the verifier's report ends it. */
    public boolean awaitsExecution() {
        return state == IncidentState.PLANNED && planMode == PlanMode.AUTO;
    }

    /** The key of its target in {@link ClusterState#openFaults()}. */
    public String targetKey() {
        return OpenFault.keyOf(targetNodeId);
    }

    /** This incident with {@code plan} emitted for it. */
    public Incident planned(RecoveryPlan plan) {
        return moveTo(IncidentState.PLANNED, "plan " + plan.planId() + " emitted, mode " + plan.mode())
                .withPlan(plan);
    }

    /** This incident escalated to a human with {@code notice} (may be null) as its plan. */
    public Incident escalated(String why, RecoveryPlan notice) {
        Incident escalated = moveTo(IncidentState.ESCALATED, why);
        return notice == null ? escalated : escalated.withPlan(notice);
    }

    /** This incident in state {@code next}, because of {@code why}; throws on a move the state machine forbids. */
    public Incident moveTo(IncidentState next, String why) {
        state.ensureCanMoveTo(next);
        return new Incident(incidentId, clusterId, next, targetNodeId, faultIds, detectedAt, planId, planMode, why);
    }

    /** This incident also answering {@code faultId}; unchanged when already known or full. */
    public Incident withFault(String faultId) {
        if (faultIds.contains(faultId) || faultIds.size() >= MAX_FAULT_IDS) {
            return this;
        }
        List<String> more = new ArrayList<>(faultIds);
        more.add(faultId);
        return new Incident(incidentId, clusterId, state, targetNodeId, more, detectedAt, planId, planMode, note);
    }

    private Incident withPlan(RecoveryPlan plan) {
        return new Incident(incidentId, clusterId, state, targetNodeId, faultIds, detectedAt, plan.planId(),
                plan.mode(), note);
    }
}
