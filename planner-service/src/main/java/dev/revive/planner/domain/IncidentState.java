package dev.revive.planner.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of an incident. Allowed moves:
 * {@code OPEN → PLANNED | ESCALATED}, {@code PLANNED → ESCALATED | CLOSED}, {@code ESCALATED → CLOSED}.
 * {@link #ensureCanMoveTo} is the one guard; every change of state goes through it.
 */
public enum IncidentState {
    /** Opened for a fault; no plan yet. */
    OPEN,
    /** A plan was emitted; waiting for its outcome and the verifier's report. */
    PLANNED,
    /** Needs a human: the plan aborted, the verdict was not consistent, or there is no runbook. */
    ESCALATED,
    /** Over: verified consistent, or the target recovered while no plan of Revive was running. */
    CLOSED;

    private static final Map<IncidentState, Set<IncidentState>> ALLOWED = Map.of(
            OPEN, EnumSet.of(PLANNED, ESCALATED),
            PLANNED, EnumSet.of(ESCALATED, CLOSED),
            ESCALATED, EnumSet.of(CLOSED),
            CLOSED, EnumSet.noneOf(IncidentState.class));

    /** Whether an incident in this state may move to {@code next}. */
    public boolean canMoveTo(IncidentState next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Throws {@link IllegalTransitionException} unless an incident in this state may move to {@code next}. */
    public void ensureCanMoveTo(IncidentState next) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException(this, next);
        }
    }
}
