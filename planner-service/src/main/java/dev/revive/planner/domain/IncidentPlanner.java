package dev.revive.planner.domain;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.plan.Diagnosis;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.time.IdSource;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.decision.NodeRecovery;
import dev.revive.runbooks.decision.RunbookDecision;
import dev.revive.runbooks.decision.Situation;
import dev.revive.runbooks.decision.Situation.Stage;
import dev.revive.runbooks.diagnosis.DiagnosisBuilder;
import dev.revive.runbooks.diagnosis.Finding;
import dev.revive.runbooks.steps.StepSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The incident workflow of one cluster: at most one active incident at a time; faults that arrive while it is
 * active are kept on it; when it ends (CLOSED, ESCALATED, CANCELLED) its target's open fault is dropped and the
 * oldest fault still open opens the next one at once. What a fault deserves is {@link NodeRecovery}'s decision
 * (runbooks); this class keeps the state machine, the budget and the revisions. Pure: every method takes the
 * cluster's state and returns the next one, so it is tested without Kafka. Execution feedback is in
 * {@link Feedback}.
 */
public final class IncidentPlanner {

    private static final String INCIDENT_PREFIX = "inc";

    private final NodeRecovery recovery;
    private final Duration approvalTimeout;
    private final Clock clock;
    private final IdSource ids;
    private final DiagnosisBuilder diagnoses = DiagnosisBuilder.standard();
    private final Feedback feedback = new Feedback(this);
    private final Rollbacks rollbacks;
    private final Replacements replacements;

    public IncidentPlanner(NodeRecovery recovery, Duration approvalTimeout, Clock clock, IdSource ids) {
        this.recovery = recovery;
        this.approvalTimeout = approvalTimeout;
        this.clock = clock;
        this.ids = ids;
        this.rollbacks = new Rollbacks(this, recovery, clock);
        this.replacements = new Replacements(this, recovery, clock);
    }

    /** The standard runbooks, the default step settings and a 30-minute approval timeout (tests, tools). */
    public static IncidentPlanner standard(Clock clock, IdSource ids) {
        return new IncidentPlanner(new NodeRecovery(Runbooks.standard(), StepSettings.defaults()),
                Duration.ofMinutes(30), clock, ids);
    }

    /** A fault, or a recovery, of a node or of the whole cluster; {@code spec} is its registered cluster. */
    public Result onFault(ClusterState state, ClusterSpec spec, FaultEvent fault) {
        if (state.seen(fault.faultId())) {
            return Result.waiting(state, "fault " + fault.faultId() + " was already handled");
        }
        ClusterState remembered = state.remember(fault.faultId());
        return fault.isRecovery() ? recovered(remembered, spec, fault) : faulted(remembered, spec, fault);
    }

    /** A step event or plan outcome of the executor. */
    public Result onExecution(ClusterState state, ClusterSpec spec, dev.revive.contracts.execution.ExecutionEvent event) {
        return feedback.onExecution(state, spec, event);
    }

    /** A verifier report. */
    public Result onReport(ClusterState state, ClusterSpec spec, dev.revive.contracts.report.RecoveryReport report) {
        return feedback.onReport(state, spec, report);
    }

    /**
     * An operator's decision about the plan awaiting approval, or an operator's request: roll the cluster back
     * (ROLLBACK, {@link Rollbacks}) or replace a member (REPLACE, {@link Replacements}), each a new incident. Throws {@link InvalidEventException} with UNKNOWN_PLAN when the
     * plan is unknown and ILLEGAL_TRANSITION when it is not awaiting approval (or a rollback cannot start now).
     */
    public Result onDecision(ClusterState state, ClusterSpec spec, OperatorDecision decision) {
        if (state.seen(decision.decisionId())) {
            return Result.waiting(state, "decision " + decision.decisionId() + " was already handled");
        }
        if (decision.verdict() == DecisionVerdict.ROLLBACK) {
            return rollbacks.requested(state.remember(decision.decisionId()), spec, decision,
                    ids.next(INCIDENT_PREFIX));
        }
        if (decision.verdict() == DecisionVerdict.REPLACE) {
            return replacements.requested(state.remember(decision.decisionId()), spec, decision,
                    ids.next(INCIDENT_PREFIX));
        }
        Incident incident = awaitingApproval(state, decision.planId());
        ClusterState remembered = state.remember(decision.decisionId());
        String who = decision.by() + " (" + decision.reason() + ")";
        if (decision.verdict() == DecisionVerdict.REJECT) {
            return escalateWaiting(remembered, spec, incident, "plan " + incident.planId() + " rejected by " + who);
        }
        if (incident.rollingBack()) {
            return rollbacks.approved(remembered, spec, incident, decision.dryRun(), "approved by " + who);
        }
        if (incident.replacing()) {
            return replacements.approved(remembered, spec, incident, decision.dryRun(), "approved by " + who);
        }
        return decide(remembered, spec, incident, Stage.APPROVED, decision.dryRun(), "approved by " + who);
    }

    /** The rollbacks of this planner's clusters (Feedback proposes one after an INCONSISTENT report). */
    Rollbacks rollbacks() {
        return rollbacks;
    }

    /** The member replacements of this planner's clusters (Feedback asks for one after a start that failed). */
    Replacements replacements() {
        return replacements;
    }

    /** Time passed: a confirm window that ended is decided again, confirmed; an approval request that expired escalates. */
    public Result onTick(ClusterState state, ClusterSpec spec) {
        Instant now = clock.instant();
        if (spec == null || !state.due(now)) {
            return Result.waiting(state, "nothing due");
        }
        Incident incident = state.activeIncident().orElseThrow();
        if (incident.state() == IncidentState.CONFIRMING) {
            return decide(state, spec, incident, Stage.CONFIRMED, false, null);
        }
        return escalateWaiting(state, spec, incident, "approval request of plan " + incident.planId()
                + " expired after " + approvalTimeout + " without a decision");
    }

    /** The incident whose current plan is {@code planId} and awaits approval, else the reason it cannot be decided. */
    private static Incident awaitingApproval(ClusterState state, String planId) {
        Incident incident = state.incident();
        if (incident == null || !(planId.equals(incident.planId()) || incident.supersedes(planId))) {
            throw new InvalidEventException(RejectReason.UNKNOWN_PLAN, "planId",
                    "plan '" + planId + "' is not a plan of cluster '" + state.clusterId() + "'");
        }
        if (!planId.equals(incident.planId())) {
            throw new InvalidEventException(RejectReason.ILLEGAL_TRANSITION, "planId", "plan '" + planId
                    + "' was superseded by " + incident.planId() + " (incident " + incident.incidentId() + " is "
                    + incident.state() + ")");
        }
        if (incident.state() != IncidentState.AWAITING_APPROVAL) {
            throw new InvalidEventException(RejectReason.ILLEGAL_TRANSITION, "planId", "plan '" + planId
                    + "' is not awaiting approval: incident " + incident.incidentId() + " is " + incident.state());
        }
        return incident;
    }

    private Result faulted(ClusterState state, ClusterSpec spec, FaultEvent fault) {
        String key = OpenFault.keyOf(fault.nodeId());
        OpenFault known = state.openFaults().get(key);
        boolean duplicate = known != null && known.isDuplicate(fault);
        ClusterState next = duplicate ? state : state.withOpenFault(known == null ? OpenFault.of(fault) : known.with(fault));
        Optional<Incident> active = next.activeIncident();
        if (active.isEmpty()) {
            return openNext(next, spec);
        }
        Incident incident = active.get();
        if (duplicate) {
            return Result.waiting(next, "fault " + fault.faultId() + " repeats an open fault of " + key
                    + "; incident " + incident.incidentId() + " is " + incident.state());
        }
        return Result.waiting(next.withIncident(incident.withFault(fault.faultId())), "fault " + fault.faultId()
                + " of " + key + " kept on incident " + incident.incidentId() + ", which is " + incident.state());
    }

    /**
     * A RECOVERED of the target cancels what has not acted yet: CONFIRMING ends CANCELLED; a plan out (or awaiting
     * approval) before any acting step gets a CANCEL revision and ends CANCELLED; once acting, the report decides.
     */
    private Result recovered(ClusterState state, ClusterSpec spec, FaultEvent fault) {
        String key = OpenFault.keyOf(fault.nodeId());
        if (!state.openFaults().containsKey(key)) {
            return Result.waiting(state, key + " recovered but had no open fault");
        }
        ClusterState next = state.withoutOpenFault(key);
        Optional<Incident> active = next.activeIncident();
        if (active.isEmpty()) {
            return openNext(next, spec);
        }
        Incident incident = active.get();
        if (!incident.targetKey().equals(key)) {
            return Result.waiting(next, key + " recovered; incident " + incident.incidentId() + " is " + incident.state());
        }
        String why = key + " recovered (fault " + fault.faultId() + ")";
        return switch (incident.state()) {
            case CONFIRMING -> end(next, spec, incident, IncidentState.CANCELLED, why + " within the confirm window",
                    false);
            case PLANNED, AWAITING_APPROVAL -> end(next, spec, incident, IncidentState.CANCELLED,
                    why + " before plan " + incident.planId() + " acted", true);
            case EXECUTING -> incident.acted()
                    ? Result.waiting(next, why + " while plan " + incident.planId() + " acts; its report decides")
                    : end(next, spec, incident, IncidentState.CANCELLED,
                            why + " before plan " + incident.planId() + " acted", true);
            default -> Result.waiting(next, why + "; incident " + incident.incidentId() + " is " + incident.state());
        };
    }

    /**
     * Ends {@code incident} in {@code terminal}, releasing the cluster: the target's open fault is dropped, a CANCEL
     * revision is published when {@code withdraw}, and the next incident opens for the oldest fault still open.
     */
    Result end(ClusterState state, ClusterSpec spec, Incident incident, IncidentState terminal, String why,
            boolean withdraw) {
        Incident ended = incident.moveTo(terminal, why);
        List<RecoveryPlan> plans = List.of();
        if (withdraw) {
            RecoveryPlan cancel = PlanRevisions.cancel(incident, why, diagnosis(state, spec, incident), clock.instant());
            ended = ended.withPlan(cancel);
            plans = List.of(cancel);
        }
        Transition transition = new Transition(incident.incidentId(), incident.state(), terminal, why);
        Decision decision = terminal == IncidentState.ESCALATED ? new Decision.Escalate(why)
                : plans.isEmpty() ? new Decision.Wait(why) : new Decision.Execute(plans.get(0));
        ClusterState released = state.withIncident(ended).withoutOpenFault(incident.targetKey());
        return openNext(released, spec).after(decision, plans, List.of(transition));
    }

    /** Opens an incident for the oldest open fault, if there is one and the cluster is registered. */
    private Result openNext(ClusterState state, ClusterSpec spec) {
        Optional<OpenFault> oldest = state.oldestOpenFault();
        if (oldest.isEmpty()) {
            return Result.waiting(state, "no open faults");
        }
        if (spec == null) {
            return Result.waiting(state, "cluster " + state.clusterId() + " is not registered; its open faults wait");
        }
        OpenFault target = oldest.get();
        Incident incident = Incident.open(ids.next(INCIDENT_PREFIX), state.clusterId(),
                target.clusterWide() ? null : target.nodeId(), target.faultIds(), target.firstObservedAt());
        Transition opened = new Transition(incident.incidentId(), null, IncidentState.OPEN,
                "faults " + String.join(", ", incident.faultIds()) + " of " + incident.targetKey());
        return decide(state.withIncident(incident), spec, incident, Stage.NEW, false, null)
                .after(new Decision.Wait("opened"), List.of(), List.of(opened));
    }

    /** Asks the runbooks what {@code incident} deserves at {@code stage} and applies the answer. */
    Result decide(ClusterState given, ClusterSpec spec, Incident asOpened, Stage stage, boolean dryRun,
            String approval) {
        ClusterState state = given;
        Incident incident = asOpened;
        Optional<OpenFault> sick = stage == Stage.APPROVED ? Optional.empty() : SickCluster.merged(state, spec);
        if (sick.isPresent()) {
            for (NodeSpec node : spec.nodes()) {
                state = state.withoutOpenFault(node.id());
            }
            incident = incident.wholeCluster(sick.get().faultIds()).noted("every member has an open fault ("
                    + sick.get().evidence().get("members") + "): the cluster is answered as a whole");
            state = state.withOpenFault(sick.get()).withIncident(incident);
        }
        OpenFault target = state.openFaults().get(incident.targetKey());
        if (target == null) {
            return end(state, spec, incident, IncidentState.ESCALATED, "the fault of " + incident.targetKey()
                    + " is no longer open; nothing to decide on", false);
        }
        Instant now = clock.instant();
        RestartBudgetTracker budget = new RestartBudgetTracker(state.restarts());
        List<String> budgetConcerns = restarted(spec, incident).stream()
                .flatMap(node -> budget.check(node, spec.policy().restartBudget(), now).stream()).toList();
        Situation situation = Situation.fresh(spec, target.finding(), state.openNodes(), budgetConcerns)
                .at(stage, dryRun);
        RunbookDecision decision = recovery.decide(situation);
        Diagnosis diagnosis = diagnosis(state, spec, incident);
        if (decision instanceof RunbookDecision.Notice notice) {
            return endWith(state, spec, incident, IncidentState.CLOSED, notice.reason(),
                    PlanRevisions.notice(incident, notice.reason(), diagnosis, now));
        }
        if (decision instanceof RunbookDecision.Escalate escalate) {
            return endWith(state, spec, incident, IncidentState.ESCALATED, escalate.reason(),
                    PlanRevisions.notice(incident, RecoveryPlan.ESCALATION_PREFIX + escalate.reason(), diagnosis, now));
        }
        if (decision instanceof RunbookDecision.Confirm confirm) {
            Instant until = target.firstObservedAt().plus(confirm.window());
            if (!until.isAfter(now)) {
                // the window has passed since the fault's first observation: nothing left to wait for
                return decide(state, spec, incident.noted(confirm.reason()), Stage.CONFIRMED, dryRun, approval);
            }
            Incident confirming = incident.moveTo(IncidentState.CONFIRMING, confirm.reason()).until(until);
            return new Result(state.withIncident(confirming), new Decision.Wait(confirm.reason()), List.of(),
                    List.of(new Transition(incident.incidentId(), incident.state(), IncidentState.CONFIRMING,
                            confirm.reason())));
        }
        RunbookDecision.Plan plan = (RunbookDecision.Plan) decision;
        if (stage == Stage.APPROVED && plan.mode() == PlanMode.APPROVAL_REQUIRED) {
            String why = "approval of plan " + incident.planId() + " (" + approval + ") refused: " + plan.modeReason();
            return new Result(state.withIncident(incident.noted(why)), new Decision.Refuse(why), List.of(), List.of());
        }
        String modeReason = approval == null ? plan.modeReason()
                : approval + (plan.mode() == PlanMode.DRY_RUN ? ", as a dry run" : "");
        RecoveryPlan revision = PlanRevisions.next(incident, plan.mode(), modeReason, plan.steps(), diagnosis, now);
        return planned(state, spec, incident, revision, budget, now);
    }

    /** Emits {@code plan} as {@code incident}'s next revision: PLANNED, or AWAITING_APPROVAL until the timeout. */
    Result planned(ClusterState state, ClusterSpec spec, Incident incident, RecoveryPlan plan,
            RestartBudgetTracker budget, Instant now) {
        boolean approval = plan.mode() == PlanMode.APPROVAL_REQUIRED;
        IncidentState next = approval ? IncidentState.AWAITING_APPROVAL : IncidentState.PLANNED;
        String why = "plan " + plan.planId() + " emitted, mode " + plan.mode();
        Incident moved = incident.moveTo(next, why).withPlan(plan);
        if (approval) {
            moved = moved.until(now.plus(approvalTimeout));
        }
        ClusterState stored = state.withIncident(moved);
        if (plan.mode() == PlanMode.AUTO) {
            RestartBudgetTracker spent = budget;
            for (String node : restarted(spec, incident)) {
                spent = spent.record(node, now, spec.policy().restartBudget());
            }
            stored = stored.withRestarts(spent.history());
        }
        return new Result(stored, new Decision.Execute(plan), List.of(plan),
                List.of(new Transition(incident.incidentId(), incident.state(), next, why)));
    }

    /** The nodes a plan of {@code incident} restarts: its target, or every node of the spec for a cluster-wide one. */
    private static List<String> restarted(ClusterSpec spec, Incident incident) {
        return incident.targetNodeId() != null ? List.of(incident.targetNodeId())
                : spec.nodes().stream().map(NodeSpec::id).toList();
    }

    /**
     * Escalates an incident whose plan waited for an operator (rejected, or expired): its readers saw that plan, so a
     * NOTICE revision {@code escalated: <why>} tells them it will not run and a human has it now.
     */
    private Result escalateWaiting(ClusterState state, ClusterSpec spec, Incident incident, String why) {
        RecoveryPlan notice = PlanRevisions.notice(incident, RecoveryPlan.ESCALATION_PREFIX + why,
                diagnosis(state, spec, incident), clock.instant());
        return endWith(state, spec, incident, IncidentState.ESCALATED, why, notice);
    }

    private Result endWith(ClusterState state, ClusterSpec spec, Incident incident, IncidentState terminal,
            String why, RecoveryPlan notice) {
        Result ended = end(state.withIncident(incident.withPlan(notice)), spec, incident.withPlan(notice), terminal,
                why, false);
        return new Result(ended.state(), ended.decision(), prepend(notice, ended.plans()), ended.transitions());
    }

    private static List<RecoveryPlan> prepend(RecoveryPlan first, List<RecoveryPlan> rest) {
        java.util.ArrayList<RecoveryPlan> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** What is open on the cluster now, as the diagnosis of a plan of {@code incident}. */
    Diagnosis diagnosis(ClusterState state, ClusterSpec spec, Incident incident) {
        List<Finding> findings = state.openFaults().values().stream().map(OpenFault::finding).toList();
        return diagnoses.diagnose(spec, findings, incident.detectedAt());
    }
}
