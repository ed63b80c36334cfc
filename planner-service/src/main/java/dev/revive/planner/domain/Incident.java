package dev.revive.planner.domain;

import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One incident of a cluster: the faults it answers, its newest plan revision and where it stands. Immutable;
 * every change of state goes through {@link IncidentState#TABLE}.
 *
 * @param incidentId   the incident id
 * @param clusterId    the cluster
 * @param state        where it stands
 * @param targetNodeId the node it restarts, or null for a cluster-wide incident
 * @param faultIds     the faults it answers: those that opened it and those that arrived while it was open
 * @param detectedAt   when its first fault was observed
 * @param planId       its newest plan revision, once there is one
 * @param planMode     that revision's mode
 * @param revision     that revision's number (0 before the first)
 * @param deadline     CONFIRMING: when the window ends; AWAITING_APPROVAL: when the request expires; else null
 * @param acted        an acting step (STOP, FORCE_KILL, CLEAN_TEMP, START) of its AUTO plan was reported
 * @param note         why it is in its state (or why an approval was refused), in words
 * @param notBack      the first node whose START or AWAIT_HEALTHY failed in its current plan (the target, or a
 *                     member of a cluster-wide plan): it cannot come back; null while none did
 * @param replacing    its current plan replaces the target (after a plan whose start failed); never twice
 * @param rollingBack  its current plan rolls the whole cluster back to a snapshot (proposed after an INCONSISTENT
 *                     report, or asked for by an operator); never twice
 * @param rollbackSnapshot the snapshot that rollback restores, or null for the newest verified one
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
        int revision,
        Instant deadline,
        boolean acted,
        String note,
        String notBack,
        boolean replacing,
        boolean rollingBack,
        String rollbackSnapshot) {

    /** The most fault ids an incident keeps (the bound of a plan's reason list). */
    public static final int MAX_FAULT_IDS = 256;

    public Incident {
        faultIds = faultIds == null ? List.of() : List.copyOf(faultIds);
    }

    /** A new incident for the open faults of one node ({@code targetNodeId} null: cluster-wide). */
    public static Incident open(String incidentId, String clusterId, String targetNodeId, List<String> faultIds,
            Instant detectedAt) {
        return new Incident(incidentId, clusterId, IncidentState.OPEN, targetNodeId, faultIds, detectedAt, null, null,
                0, null, false, "opened", null, false, false, null);
    }

    /** The plan id of an incident's revision: {@code <incidentId>-r<revision>}. */
    public static String planId(String incidentId, int revision) {
        return incidentId + "-r" + revision;
    }

    /** False once final: an active incident holds the cluster, and further faults are kept on it. */
    public boolean active() {
        return !state.terminal();
    }

    /** The key of its target in {@link ClusterState#openFaults()}. */
    public String targetKey() {
        return OpenFault.keyOf(targetNodeId);
    }

    /** True when {@code planId} names an earlier revision of this incident. */
    public boolean supersedes(String otherPlanId) {
        return otherPlanId.startsWith(incidentId + "-r") && !otherPlanId.equals(planId);
    }

    /** This incident in state {@code next}, because of {@code why}; throws on a move the table forbids. */
    public Incident moveTo(IncidentState next, String why) {
        IncidentState.TABLE.ensure(state, next);
        return standing(next, null, why);
    }

    /** This incident waiting until {@code until}. */
    public Incident until(Instant until) {
        return standing(state, until, note);
    }

    /** This incident with {@code plan} as its newest revision, no node of which has failed to start yet. */
    public Incident withPlan(RecoveryPlan plan) {
        return new Incident(incidentId, clusterId, state, targetNodeId, faultIds, detectedAt, plan.planId(),
                plan.mode(), plan.revision(), deadline, acted, note, null, replacing, rollingBack, rollbackSnapshot);
    }

    /** This incident, its plan having acted on the node. */
    public Incident withActed() {
        return new Incident(incidentId, clusterId, state, targetNodeId, faultIds, detectedAt, planId, planMode,
                revision, deadline, true, note, notBack, replacing, rollingBack, rollbackSnapshot);
    }

    /** This incident with another note, in the same state. */
    public Incident noted(String why) {
        return standing(state, deadline, why);
    }

    /** This incident also answering {@code faultId}; unchanged when already known or full. */
    public Incident withFault(String faultId) {
        if (faultIds.contains(faultId) || faultIds.size() >= MAX_FAULT_IDS) {
            return this;
        }
        List<String> more = new ArrayList<>(faultIds);
        more.add(faultId);
        return new Incident(incidentId, clusterId, state, targetNodeId, more, detectedAt, planId, planMode, revision,
                deadline, acted, note, notBack, replacing, rollingBack, rollbackSnapshot);
    }

    /** This incident for the whole cluster (no target node), also answering {@code more}. */
    public Incident wholeCluster(List<String> more) {
        Incident widened = new Incident(incidentId, clusterId, state, null, faultIds, detectedAt, planId, planMode,
                revision, deadline, acted, note, notBack, replacing, rollingBack, rollbackSnapshot);
        for (String faultId : more) {
            widened = widened.withFault(faultId);
        }
        return widened;
    }

    /** True when a START or AWAIT_HEALTHY of its current plan failed: {@link #notBack()} cannot come back. */
    public boolean startFailed() {
        return notBack != null;
    }

    /** This incident, its current plan having failed to bring {@code node} back; the first such node is kept. */
    public Incident withNotBack(String node) {
        return new Incident(incidentId, clusterId, state, targetNodeId, faultIds, detectedAt, planId, planMode,
                revision, deadline, acted, note, notBack == null ? node : notBack, replacing, rollingBack, rollbackSnapshot);
    }

    /**
     * This incident, its next plan replacing {@code node} (its target from now on, also when it was cluster-wide): a
     * start that fails again is not answered a third time.
     */
    public Incident replacing(String node) {
        return new Incident(incidentId, clusterId, state, node, faultIds, detectedAt, planId, planMode,
                revision, deadline, acted, note, null, true, rollingBack, rollbackSnapshot);
    }

    /**
     * This incident, its next plan rolling the whole cluster back to {@code snapshot} (null: the newest verified one):
     * a cluster-wide incident from then on, never rolled back twice.
     */
    public Incident rollingBackTo(String snapshot) {
        return new Incident(incidentId, clusterId, state, null, faultIds, detectedAt, planId, planMode,
                revision, deadline, acted, note, null, replacing, true, snapshot);
    }

    /** This incident standing elsewhere: another state, deadline and note, the rest as it is. */
    private Incident standing(IncidentState newState, Instant newDeadline, String newNote) {
        return new Incident(incidentId, clusterId, newState, targetNodeId, faultIds, detectedAt, planId, planMode,
                revision, newDeadline, acted, newNote, notBack, replacing, rollingBack, rollbackSnapshot);
    }
}
