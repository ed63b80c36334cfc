package dev.revive.runbooks.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.Specs;
import dev.revive.runbooks.decision.Situation.Stage;
import dev.revive.runbooks.diagnosis.Finding;
import dev.revive.runbooks.generic.GenericRunbook;
import dev.revive.runbooks.steps.StepSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeRecoveryTest {

    private final NodeRecovery recovery = new NodeRecovery(Runbooks.standard(), StepSettings.defaults());
    private final ClusterSpec etcd = Specs.etcd();

    @Test
    void processDownWaitsTheCrashWindowThenIsAnAutoRestartThatReprobesBeforeSignalling() {
        Finding down = Specs.critical("n1", FaultKind.PROCESS_DOWN);

        RunbookDecision first = decide(etcd, down, Set.of("n1"));
        RunbookDecision decision = recovery.decide(Situation.fresh(etcd, down, Set.of("n1"), List.of())
                .at(Stage.CONFIRMED, false));

        assertThat(first).isInstanceOfSatisfying(RunbookDecision.Confirm.class,
                confirm -> assertThat(confirm.window()).isEqualTo(NodeRecovery.CRASH_WINDOW));
        RunbookDecision.Plan plan = (RunbookDecision.Plan) decision;
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.modeReason()).isNull();
        assertThat(plan.steps()).hasSize(7).filteredOn(step -> step.params().confirmUnresponsive())
                .extracting(PlanStep::action).containsExactly(Action.STOP, Action.FORCE_KILL);
    }

    @Test
    void memberWhoseProcessIsDownIsRestartedAutomaticallyEvenWhileAnotherIsDownToo() {
        Finding down = Specs.critical("n1", FaultKind.PROCESS_DOWN);
        Finding hung = Specs.critical("n1", FaultKind.UNREACHABLE);

        RunbookDecision.Plan start = (RunbookDecision.Plan) recovery.decide(
                Situation.fresh(etcd, down, Set.of("n1", "n2"), List.of()).at(Stage.CONFIRMED, false));
        RunbookDecision.Plan takeDown = (RunbookDecision.Plan) recovery.decide(
                Situation.fresh(etcd, hung, Set.of("n1", "n2"), List.of()).at(Stage.CONFIRMED, false));

        assertThat(start.mode()).as("its start can only bring the quorum back").isEqualTo(PlanMode.AUTO);
        assertThat(takeDown.mode()).as("a hung member runs: stopping it counts").isEqualTo(PlanMode.APPROVAL_REQUIRED);
        assertThat(takeDown.modeReason()).contains("quorum");
    }

    @Test
    void unreachableIsConfirmedFirstThenRestarted() {
        Finding hang = Specs.critical("n1", FaultKind.UNREACHABLE);

        RunbookDecision first = decide(etcd, hang, Set.of("n1"));
        RunbookDecision confirmed = recovery.decide(Situation.fresh(etcd, hang, Set.of("n1"), List.of())
                .at(Stage.CONFIRMED, false));

        assertThat(first).isInstanceOfSatisfying(RunbookDecision.Confirm.class,
                confirm -> assertThat(confirm.window()).isEqualTo(Policy.DEFAULT_CONFIRM_WINDOW));
        assertThat(confirmed).isInstanceOfSatisfying(RunbookDecision.Plan.class,
                plan -> assertThat(plan.mode()).isEqualTo(PlanMode.AUTO));
    }

    @Test
    void diskFullNeedsApprovalWithWhatWasSeen() {
        Finding full = Specs.finding("n1", FaultKind.DISK_FULL, Severity.CRITICAL,
                Map.of("line", "No space left on device"));

        RunbookDecision.Plan plan = (RunbookDecision.Plan) decide(etcd, full, Set.of("n1"));

        assertThat(plan.mode()).isEqualTo(PlanMode.APPROVAL_REQUIRED);
        assertThat(plan.modeReason()).contains("DISK_FULL", "cannot help", "No space left on device");
    }

    @Test
    void logErrorRestartsOnlyWhenSustained() {
        Finding once = Specs.finding("n1", FaultKind.LOG_ERROR, Severity.CRITICAL, Map.of("sustained", "false"));
        Finding sustained = Specs.finding("n1", FaultKind.LOG_ERROR, Severity.CRITICAL, Map.of("sustained", "true"));
        ClusterSpec approval = Specs.cluster(SystemKind.ETCD,
                new Policy(PlanMode.APPROVAL_REQUIRED, 1, null, null));

        assertThat(((RunbookDecision.Plan) decide(etcd, once, Set.of("n1"))).mode())
                .isEqualTo(PlanMode.APPROVAL_REQUIRED);
        assertThat(((RunbookDecision.Plan) decide(etcd, sustained, Set.of("n1"))).mode()).isEqualTo(PlanMode.AUTO);
        assertThat(((RunbookDecision.Plan) decide(approval, sustained, Set.of("n1"))).mode())
                .isEqualTo(PlanMode.APPROVAL_REQUIRED);
    }

    @Test
    void warningIsANoticeEvenClusterWide() {
        Finding warning = Specs.finding(null, FaultKind.UNHEALTHY, Severity.WARNING, Map.of());

        assertThat(decide(etcd, warning, Set.of())).isInstanceOf(RunbookDecision.Notice.class);
    }

    @Test
    void clusterWideFaultOfRunningMembersIsARollingRestartOfEveryMember() {
        RunbookDecision decision = decide(etcd, Specs.critical(null, FaultKind.UNHEALTHY), Set.of());

        RunbookDecision.Plan plan = (RunbookDecision.Plan) decision;
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.steps().get(0)).satisfies(snapshot -> {
            assertThat(snapshot.action()).isEqualTo(Action.SNAPSHOT);
            assertThat(snapshot.nodeId()).isNull();
        });
        assertThat(plan.steps()).filteredOn(step -> step.action() == Action.STOP).extracting(PlanStep::nodeId)
                .containsExactlyElementsOf(etcd.nodes().stream().map(node -> node.id()).toList());
        assertThat(plan.steps()).noneMatch(step -> step.params().confirmUnresponsive());
    }

    @Test
    void rollingRestartWhileAMemberHasItsOwnFaultNeedsApproval() {
        RunbookDecision.Plan plan = (RunbookDecision.Plan) decide(etcd, Specs.critical(null, FaultKind.UNHEALTHY),
                Set.of("n2"));

        assertThat(plan.mode()).isEqualTo(PlanMode.APPROVAL_REQUIRED);
        assertThat(plan.modeReason()).contains("rolling restart, at n1", "n2");
    }

    @Test
    void etcdDownAsAWholeIsStartedAsOneWithEveryMembersDataBackedUpFirst() {
        RunbookDecision decision = decide(etcd, Specs.critical(null, FaultKind.PROCESS_DOWN),
                Set.of("n1", "n2", "n3"));

        RunbookDecision.Plan plan = (RunbookDecision.Plan) decision;
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        List<String> members = etcd.nodes().stream().map(node -> node.id()).toList();
        assertThat(plan.steps()).extracting(PlanStep::action).startsWith(Action.STOP, Action.STOP, Action.STOP,
                Action.BACKUP_DATA, Action.BACKUP_DATA, Action.BACKUP_DATA, Action.START, Action.START, Action.START,
                Action.AWAIT_QUORUM).doesNotContain(Action.FORCE_KILL, Action.SNAPSHOT);
        assertThat(plan.steps()).filteredOn(step -> step.action() == Action.STOP).allSatisfy(step -> {
            assertThat(step.params().confirmUnresponsive()).as("a member that answers cancels the plan").isTrue();
            assertThat(step.params().wholeCluster()).isTrue();
        });
        assertThat(plan.steps()).filteredOn(step -> step.action() == Action.START).extracting(PlanStep::nodeId)
                .containsExactlyElementsOf(members);
        assertThat(plan.steps()).filteredOn(step -> step.action() == Action.AWAIT_HEALTHY)
                .extracting(PlanStep::nodeId).containsExactlyElementsOf(members);
    }

    @Test
    void clusterWideDownWithoutAFullRestartAndUnknownKindEscalate() {
        Runbooks etcdOnly = new Runbooks(List.of(new dev.revive.runbooks.etcd.EtcdRunbook()));
        ClusterSpec generic = Specs.cluster(SystemKind.GENERIC, Policy.defaults());

        RunbookDecision clusterWide = decide(generic, Specs.critical(null, FaultKind.PROCESS_DOWN), Set.of());
        RunbookDecision unknownKind = new NodeRecovery(etcdOnly, StepSettings.defaults()).decide(
                Situation.fresh(generic, Specs.critical("n1", FaultKind.PROCESS_DOWN), Set.of("n1"), List.of()));

        assertThat(clusterWide).isInstanceOfSatisfying(RunbookDecision.Escalate.class,
                escalate -> assertThat(escalate.reason()).contains("cluster-wide", "human"));
        assertThat(unknownKind).isInstanceOfSatisfying(RunbookDecision.Escalate.class,
                escalate -> assertThat(escalate.reason()).contains("no runbook for kind GENERIC"));
    }

    @Test
    void guardsAndBudgetRequireApprovalAndApprovalRechecksOnlyTheGuards() {
        Finding down = Specs.critical("n1", FaultKind.PROCESS_DOWN);
        Finding hung = Specs.critical("n1", FaultKind.UNREACHABLE);
        Situation budgetSpent = Situation.fresh(etcd, down, Set.of("n1"), List.of("restart budget of n1 is spent"));
        Situation twoDown = Situation.fresh(etcd, hung, Set.of("n1", "n2"), List.of());

        assertThat(((RunbookDecision.Plan) recovery.decide(budgetSpent.at(Stage.CONFIRMED, false))).modeReason())
                .contains("budget");
        assertThat(((RunbookDecision.Plan) recovery.decide(budgetSpent.at(Stage.APPROVED, false))).mode())
                .isEqualTo(PlanMode.AUTO);
        assertThat(((RunbookDecision.Plan) recovery.decide(budgetSpent.at(Stage.APPROVED, true))).mode())
                .isEqualTo(PlanMode.DRY_RUN);
        RunbookDecision.Plan refused = (RunbookDecision.Plan) recovery.decide(twoDown.at(Stage.APPROVED, false));
        assertThat(refused.mode()).isEqualTo(PlanMode.APPROVAL_REQUIRED);
        assertThat(refused.modeReason()).contains("guards refuse", "quorum");
    }

    @Test
    void dryRunPolicyWinsAndGenericRestartHasNoSnapshot() {
        ClusterSpec dryRun = Specs.cluster(SystemKind.GENERIC, new Policy(PlanMode.DRY_RUN, 1, null, null));

        RunbookDecision.Plan plan = (RunbookDecision.Plan) decide(dryRun, Specs.critical("n2",
                FaultKind.PROCESS_DOWN), Set.of("n2"));

        assertThat(plan.mode()).isEqualTo(PlanMode.DRY_RUN);
        assertThat(plan.modeReason()).contains("is DRY_RUN");
        assertThat(plan.steps()).extracting(PlanStep::action).doesNotContain(Action.SNAPSHOT);
        assertThat(new GenericRunbook().kind()).isEqualTo(SystemKind.GENERIC);
    }

    @Test
    void confirmWindowComesFromThePolicy() {
        ClusterSpec slow = Specs.cluster(SystemKind.ETCD,
                new Policy(PlanMode.AUTO, 1, null, null, null, Duration.ofSeconds(3)));

        assertThat(decide(slow, Specs.critical("n1", FaultKind.UNREACHABLE), Set.of("n1")))
                .isInstanceOfSatisfying(RunbookDecision.Confirm.class,
                        confirm -> assertThat(confirm.window()).isEqualTo(Duration.ofSeconds(3)));
    }

    private RunbookDecision decide(ClusterSpec spec, Finding fault, Set<String> open) {
        return recovery.decide(Situation.fresh(spec, fault, open, List.of()));
    }
}
