package dev.revive.planner.domain;

import dev.revive.contracts.state.TransitionTable;

/**
 * The life of an incident. Allowed moves ({@link #TABLE}, the one guard every change of state goes through):
 * <ul>
 * <li>{@code OPEN → CONFIRMING | PLANNED | AWAITING_APPROVAL | CLOSED | ESCALATED} (the first decision: confirm,
 * an AUTO / DRY_RUN plan, an approval plan, a notice, or no runbook)</li>
 * <li>{@code CONFIRMING → PLANNED | AWAITING_APPROVAL | ESCALATED | CANCELLED} (window passed; RECOVERED within it)</li>
 * <li>{@code AWAITING_APPROVAL → PLANNED | ESCALATED | CANCELLED} (approved; rejected or expired; RECOVERED)</li>
 * <li>{@code PLANNED → EXECUTING | VERIFYING | CLOSED | ESCALATED | CANCELLED} (first step event; outcome; a
 * report that overtook the outcome; aborted; RECOVERED before acting or PLAN_CANCELLED)</li>
 * <li>{@code EXECUTING → VERIFYING | CLOSED | ESCALATED | CANCELLED | PLANNED | AWAITING_APPROVAL} (the last two:
 * a plan whose start failed aborted, and a replacement of the node is planned)</li>
 * <li>{@code VERIFYING → CLOSED | ESCALATED | AWAITING_APPROVAL} (the verifier's report; the last: an
 * INCONSISTENT report's rollback proposal, also from PLANNED)</li>
 * <li>{@code CLOSED}, {@code ESCALATED} and {@code CANCELLED} are final; each releases the cluster.</li>
 * </ul>
 * An input that asks for any other move is dead-lettered with {@code ILLEGAL_TRANSITION}.
 */
public enum IncidentState {
    /** Opened for a fault; not decided yet (never stored: the first decision is made at once). */
    OPEN,
    /** Waiting the policy's confirm window: a RECOVERED within it cancels, else the restart is planned. */
    CONFIRMING,
    /** An AUTO or DRY_RUN plan is out; no step event seen yet. */
    PLANNED,
    /** An APPROVAL_REQUIRED plan is out, waiting for an operator (approve, reject) or its expiry. */
    AWAITING_APPROVAL,
    /** The executor reported the plan's first step. */
    EXECUTING,
    /** The plan's outcome is in; waiting for the verifier's report. */
    VERIFYING,
    /** Over: verified, a dry run done, a notice given, or recovered while nothing of Revive ran. */
    CLOSED,
    /** A human must take over: no runbook, aborted, rejected, expired or not consistent. */
    ESCALATED,
    /** Withdrawn: the node recovered before the plan acted, or the executor cancelled the plan. */
    CANCELLED;

    /** The allowed moves. */
    public static final TransitionTable<IncidentState> TABLE = TransitionTable.of(IncidentState.class, "incident")
            .allow(OPEN, CONFIRMING, PLANNED, AWAITING_APPROVAL, CLOSED, ESCALATED)
            .allow(CONFIRMING, PLANNED, AWAITING_APPROVAL, ESCALATED, CANCELLED)
            .allow(AWAITING_APPROVAL, PLANNED, ESCALATED, CANCELLED)
            .allow(PLANNED, EXECUTING, VERIFYING, CLOSED, ESCALATED, CANCELLED, AWAITING_APPROVAL)
            .allow(EXECUTING, VERIFYING, CLOSED, ESCALATED, CANCELLED, PLANNED, AWAITING_APPROVAL)
            .allow(VERIFYING, CLOSED, ESCALATED, AWAITING_APPROVAL)
            .build();

    /** True for the states that end an incident and release its cluster. */
    public boolean terminal() {
        return TABLE.next(this).isEmpty();
    }

    /** True while a plan of Revive may run: a report or an outcome may arrive for it. */
    public boolean runsPlan() {
        return this == PLANNED || this == EXECUTING || this == VERIFYING;
    }
}
