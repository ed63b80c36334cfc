package dev.revive.console;

import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the console knows of one incident (its newest plan revision, the decision, step attempts, outcome and
 * report of that revision), and the state it derives from them. Not thread-safe: {@link ConsoleModel} guards it.
 */
final class IncidentRecord {

    private static final Set<String> ENDED = Set.of("CLOSED", "REJECTED", "CANCELLED", "NOTICE", "ESCALATED");

    private final String incidentId;
    private final String clusterId;
    private RecoveryPlan plan;
    private DecisionVerdict decision;
    private PlanOutcome outcome;
    private RecoveryReport report;
    /** Step attempts by plan, step and attempt, in the order they were first seen. */
    private final Map<String, Views.Step> steps = new LinkedHashMap<>();

    IncidentRecord(String incidentId, String clusterId) {
        this.incidentId = incidentId;
        this.clusterId = clusterId;
    }

    /** A revision of the incident's plan; an older one than known is ignored. */
    void plan(RecoveryPlan next) {
        if (plan == null || next.revision() > plan.revision()) {
            plan = next;
            decision = null;
            outcome = null;
            report = null;
        }
    }

    void decision(OperatorDecision next) {
        if (plan != null && plan.planId().equals(next.planId())) {
            decision = next.verdict();
        }
    }

    void step(StepEvent event) {
        String key = event.planId() + "/" + event.stepId() + "/" + event.attempt();
        Views.Step known = steps.get(key);
        if (event.status() == StepStatus.STARTED) {
            steps.put(key, new Views.Step(event.planId(), event.stepId(), event.action().name(), event.nodeId(),
                    event.attempt(), event.status().name(), event.at(), event.at(), null, event.detail()));
            return;
        }
        java.time.Instant startedAt = known == null ? null : known.startedAt();
        Long duration = startedAt == null ? null : Duration.between(startedAt, event.at()).toMillis();
        steps.put(key, new Views.Step(event.planId(), event.stepId(), event.action().name(), event.nodeId(),
                event.attempt(), event.status().name(), startedAt, event.at(), duration, event.detail()));
    }

    void outcome(PlanOutcome next) {
        if (plan != null && plan.planId().equals(next.planId())) {
            outcome = next;
        }
    }

    /** A report; it closes the incident when it is about the newest revision. */
    void report(RecoveryReport next) {
        if (plan == null || plan.planId().equals(next.planId())) {
            report = next;
        }
    }

    boolean open() {
        return !ENDED.contains(state());
    }

    String state() {
        if (report != null) {
            return "CLOSED";
        }
        if (plan == null) {
            return "PLANNED";
        }
        PlanMode mode = plan.mode();
        if (mode == PlanMode.CANCEL) {
            return "CANCELLED";
        }
        if (decision == DecisionVerdict.REJECT) {
            return "REJECTED";
        }
        if (mode == PlanMode.NOTICE) {
            return plan.escalation() ? "ESCALATED" : "NOTICE";
        }
        if (mode == PlanMode.APPROVAL_REQUIRED) {
            return decision == DecisionVerdict.APPROVE ? "APPROVED" : "AWAITING_APPROVAL";
        }
        if (outcome != null) {
            return "VERIFYING";
        }
        String planId = plan.planId();
        return steps.values().stream().anyMatch(step -> step.planId().equals(planId)) ? "EXECUTING" : "PLANNED";
    }

    Views.Incident view() {
        List<String> planned = new ArrayList<>();
        if (plan != null) {
            plan.steps().forEach(step -> planned.add(step.nodeId() == null ? step.action().name()
                    : step.action().name() + " " + step.nodeId()));
        }
        return new Views.Incident(incidentId, clusterId, state(), open(), plan == null ? null : plan.planId(),
                plan == null ? 0 : plan.revision(), plan == null ? null : plan.mode().name(),
                plan == null ? null : plan.modeReason(), plan == null ? null : plan.detectedAt(), planned,
                List.copyOf(steps.values()), outcome == null ? null : outcome.outcome().name(),
                report == null ? null : report.verdict().name(),
                report == null || report.mttr() == null ? null : report.mttr().toMillis());
    }
}
