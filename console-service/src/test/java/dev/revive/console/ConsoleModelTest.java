package dev.revive.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Timeline;
import dev.revive.contracts.report.Verdict;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the console derives incident state, step durations and bounded views from the topics' events. */
class ConsoleModelTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final StepParams WITHIN = StepParams.within(Duration.ofSeconds(30));

    @Test
    void incidentMovesFromPlannedThroughItsStepsToClosedWithTheReportsVerdictAndStepDurations() {
        ConsoleModel model = new ConsoleModel(10);
        List<ConsoleEvent> events = new ArrayList<>();
        model.subscribe(events::add);

        model.plan(plan("inc-1", 1, PlanMode.AUTO));
        assertThat(model.incidents()).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo("PLANNED"));
        model.execution(step("inc-1-r1", "s1", StepStatus.STARTED, T0.plusSeconds(1)));
        model.execution(step("inc-1-r1", "s1", StepStatus.SUCCEEDED, T0.plusMillis(2500)));
        model.execution(step("inc-1-r1", "s2", StepStatus.STARTED, T0.plusSeconds(3)));
        assertThat(model.incidents().get(0).state()).isEqualTo("EXECUTING");
        assertThat(model.incidents().get(0).steps()).extracting(Views.Step::stepId, Views.Step::status,
                Views.Step::durationMillis).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("s1", "SUCCEEDED", 1500L),
                        org.assertj.core.groups.Tuple.tuple("s2", "STARTED", null));
        model.execution(new PlanOutcome("e-out", "inc-1-r1", "inc-1", "c1", Outcome.PLAN_COMPLETED, "x", 1, "done",
                T0.plusSeconds(1), T0.plusSeconds(5)));
        assertThat(model.incidents().get(0).state()).isEqualTo("VERIFYING");
        model.report(report("inc-1", "inc-1-r1"));

        Views.Incident closed = model.incidents().get(0);
        assertThat(closed.state()).isEqualTo("CLOSED");
        assertThat(closed.open()).isFalse();
        assertThat(closed.verdict()).isEqualTo("CONSISTENT");
        assertThat(closed.mttrMillis()).isEqualTo(9000L);
        assertThat(model.reports()).singleElement().satisfies(r -> assertThat(r.verdict()).isEqualTo("CONSISTENT"));
        assertThat(events).extracting(ConsoleEvent::type).contains("incident", "report");
    }

    @Test
    void approvalRequiredPlanWaitsUntilDecidedAndARejectionEndsIt() {
        ConsoleModel model = new ConsoleModel(10);
        model.plan(plan("inc-2", 1, PlanMode.APPROVAL_REQUIRED));
        assertThat(model.incidents().get(0).state()).isEqualTo("AWAITING_APPROVAL");
        assertThat(model.incidents().get(0).open()).isTrue();

        model.decision(new OperatorDecision("dec-1", "c1", "inc-2-r1", DecisionVerdict.REJECT, false, "op", "no",
                T0.plusSeconds(2)));

        assertThat(model.incidents().get(0).state()).isEqualTo("REJECTED");
        assertThat(model.incidents().get(0).open()).isFalse();
    }

    @Test
    void anApprovalRequestThatExpiredShowsItsIncidentEscalated() {
        ConsoleModel model = new ConsoleModel(10);
        model.plan(plan("inc-3", 1, PlanMode.APPROVAL_REQUIRED));

        model.plan(new RecoveryPlan("inc-3-r2", "inc-3", "c1", 2, PlanScope.NODE, PlanMode.NOTICE,
                RecoveryPlan.ESCALATION_PREFIX + "approval request of plan inc-3-r1 expired", List.of("f1"),
                List.of(), T0, T0.plusSeconds(1800)));

        assertThat(model.incidents().get(0).state()).isEqualTo("ESCALATED");
        assertThat(model.incidents().get(0).open()).isFalse();
    }

    @Test
    void approvedRequestIsSupersededByItsNextRevision() {
        ConsoleModel model = new ConsoleModel(10);
        model.plan(plan("inc-3", 1, PlanMode.APPROVAL_REQUIRED));
        model.decision(new OperatorDecision("dec-2", "c1", "inc-3-r1", DecisionVerdict.APPROVE, false, "op", "ok",
                T0.plusSeconds(2)));
        assertThat(model.incidents().get(0).state()).isEqualTo("APPROVED");

        model.plan(plan("inc-3", 2, PlanMode.AUTO));

        assertThat(model.incidents()).singleElement().satisfies(incident -> {
            assertThat(incident.state()).isEqualTo("PLANNED");
            assertThat(incident.planId()).isEqualTo("inc-3-r2");
        });
    }

    @Test
    void keepsOnlyTheNewestIncidentsDroppingEndedOnesFirst() {
        ConsoleModel model = new ConsoleModel(2);
        model.plan(plan("open-old", 1, PlanMode.APPROVAL_REQUIRED));
        model.plan(plan("ended", 1, PlanMode.CANCEL));
        model.plan(plan("open-new", 1, PlanMode.APPROVAL_REQUIRED));

        assertThat(model.incidents()).extracting(Views.Incident::incidentId).containsExactly("open-new", "open-old");
    }

    @Test
    void aMembersFaultIsBehindItOnceAConsistentReportOfItsClusterIsVerifiedAfterIt() throws Exception {
        ConsoleModel model = new ConsoleModel(10);
        ClusterSpec spec = sampleSpec();
        model.cluster(spec.id(), spec);
        model.fault(new FaultEvent("f-1", spec.id(), "infra1", FaultKind.DISK_FULL, Severity.CRITICAL, T0, "alerts",
                Map.of(), "disk/infra1"));
        assertThat(health(model, "infra1")).isEqualTo("FAULTY");
        assertThat(health(model, "infra2")).isEqualTo("NO_FAULT");

        model.report(new RecoveryReport("rep-1", "inc-1", "inc-1-r1", spec.id(), Verdict.CONSISTENT, List.of(),
                new Timeline(T0, T0.plusMillis(500), T0.plusSeconds(1), T0.plusSeconds(5), T0.plusSeconds(9)),
                Duration.ofSeconds(9)));
        assertThat(health(model, "infra1")).isEqualTo("HEALTHY");

        model.fault(new FaultEvent("f-2", spec.id(), "infra1", FaultKind.PROCESS_DOWN, Severity.CRITICAL,
                T0.plusSeconds(20), "detector", Map.of(), "down/infra1"));
        assertThat(health(model, "infra1")).isEqualTo("FAULTY");
    }

    private static String health(ConsoleModel model, String nodeId) {
        return model.clusters().get(0).members().stream().filter(member -> member.nodeId().equals(nodeId))
                .findFirst().orElseThrow().health();
    }

    private static ClusterSpec sampleSpec() throws Exception {
        try (InputStream json = ConsoleModelTest.class.getResourceAsStream("/samples/cluster-spec.etcd-3.json")) {
            return Topics.CLUSTERS.valueSerde().deserializer().deserialize(Topics.CLUSTERS.name(), json.readAllBytes());
        }
    }

    private static RecoveryPlan plan(String incidentId, int revision, PlanMode mode) {
        List<PlanStep> steps = mode.executable() || mode == PlanMode.APPROVAL_REQUIRED
                ? List.of(new PlanStep("s1", Action.STOP, "n1", WITHIN, OnFailure.ABORT),
                        new PlanStep("s2", Action.START, "n1", WITHIN, OnFailure.ABORT))
                : List.of();
        return new RecoveryPlan(incidentId + "-r" + revision, incidentId, "c1", revision, PlanScope.NODE, mode,
                mode == PlanMode.APPROVAL_REQUIRED ? "needs a human" : null, List.of("f1"), steps, T0,
                T0.plusMillis(500));
    }

    private static StepEvent step(String planId, String stepId, StepStatus status, Instant at) {
        return new StepEvent("e-" + stepId + status, planId, planId.substring(0, planId.lastIndexOf("-r")), "c1",
                stepId, stepId.equals("s1") ? Action.STOP : Action.START, "n1", 1, status, "x", 1, "did it", at);
    }

    private static RecoveryReport report(String incidentId, String planId) {
        return new RecoveryReport("rep-1", incidentId, planId, "c1", Verdict.CONSISTENT, List.of(),
                new Timeline(T0, T0.plusMillis(500), T0.plusSeconds(1), T0.plusSeconds(5), T0.plusSeconds(9)),
                Duration.ofSeconds(9));
    }
}
