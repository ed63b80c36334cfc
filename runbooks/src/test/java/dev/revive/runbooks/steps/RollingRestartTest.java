package dev.revive.runbooks.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.runbooks.Runbook;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.Specs;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rolling-restart tables: one snapshot on no node first, then every member's restart, member by member. */
class RollingRestartTest {

    private final Runbooks runbooks = Runbooks.standard();

    @Test
    void kafkaRollsEveryBrokerAfterOneBaseline() {
        ClusterSpec kafka = Specs.cluster(SystemKind.KAFKA, Policy.defaults());

        List<PlanStep> steps = runbooks.forKind(SystemKind.KAFKA).rollingRestart(kafka, StepSettings.defaults());

        assertThat(steps).filteredOn(step -> step.action() == Action.SNAPSHOT).singleElement()
                .satisfies(snapshot -> {
                    assertThat(steps.get(0)).isSameAs(snapshot);
                    assertThat(snapshot.nodeId()).isNull();
                    assertThat(snapshot.params().sourceNodeId()).isEqualTo("n1");
                });
        assertThat(steps.subList(1, steps.size())).extracting(PlanStep::stepId).startsWith("n1.02-stop",
                "n1.03-force-kill", "n1.04-clean-temp", "n1.05-start", "n1.06-await-healthy", "n1.07-await-caught-up",
                "n2.02-stop").endsWith("n3.07-await-caught-up").hasSize(18);
        assertThat(steps).noneMatch(step -> step.params().confirmUnresponsive());
    }

    @Test
    void etcdMembersHandLeadershipOnBeforeTheyStop() {
        ClusterSpec etcd = Specs.etcd();

        List<PlanStep> steps = runbooks.forKind(SystemKind.ETCD).rollingRestart(etcd, StepSettings.defaults());

        for (String member : List.of("n1", "n2", "n3")) {
            assertThat(steps).extracting(PlanStep::stepId).containsSubsequence(member + ".01-move-leader",
                    member + ".02-stop");
            int move = indexOf(steps, member + ".01-move-leader");
            assertThat(steps.get(move + 1).stepId()).isEqualTo(member + ".02-stop");
            assertThat(steps.get(move).nodeId()).isEqualTo(member);
        }
    }

    @Test
    void collectorsRollWithoutASnapshot() {
        ClusterSpec connect = Specs.cluster(SystemKind.KAFKA_CONNECT, Policy.defaults());

        List<PlanStep> steps = runbooks.forKind(SystemKind.KAFKA_CONNECT).rollingRestart(connect,
                StepSettings.defaults());

        assertThat(steps).extracting(PlanStep::action).doesNotContain(Action.SNAPSHOT);
        assertThat(steps.get(0).stepId()).isEqualTo("n1.01-stop");
        assertThat(steps).allSatisfy(step -> assertThat(step.nodeId()).isNotNull());
    }

    @Test
    void clusterThatNamesApplicationRolesIsFencedAroundEveryPlan() {
        ClusterSpec plain = Specs.etcd();
        ClusterSpec fenced = new ClusterSpec(plain.id(), plain.kind(), plain.nodes(), plain.policy(), plain.backup(),
                plain.checks(), plain.detection(), new ClientSecurity(null, null, null, "/etc/revive/user",
                        "/etc/revive/password"), List.of("app"));
        Runbook etcd = runbooks.forKind(SystemKind.ETCD);

        List<PlanStep> restart = etcd.nodeRestart(fenced, fenced.node("n2").orElseThrow(), Set.of("n2"),
                StepSettings.defaults(), true);
        List<PlanStep> rolling = etcd.rollingRestart(fenced, StepSettings.defaults());

        for (List<PlanStep> plan : List.of(restart, rolling)) {
            assertThat(plan.get(0)).extracting(PlanStep::stepId, PlanStep::action, PlanStep::nodeId, PlanStep::onFailure)
                    .containsExactly("00-fence-writes", Action.FENCE_WRITES, null, OnFailure.CONTINUE);
            assertThat(plan.get(plan.size() - 1)).extracting(PlanStep::stepId, PlanStep::action, PlanStep::nodeId)
                    .containsExactly("99-unfence", Action.UNFENCE, null);
        }
        assertThat(etcd.nodeRestart(plain, plain.node("n2").orElseThrow(), Set.of("n2"), StepSettings.defaults(), true))
                .extracting(PlanStep::action).doesNotContain(Action.FENCE_WRITES, Action.UNFENCE);
    }

    @Test
    void jvmKindsWaitForTheirNodesLongerThanTheDefault() {
        ClusterSpec kafka = Specs.cluster(SystemKind.KAFKA, Policy.defaults());
        ClusterSpec etcd = Specs.etcd();

        List<PlanStep> broker = runbooks.forKind(SystemKind.KAFKA).nodeRestart(kafka, kafka.node("n1").orElseThrow(),
                Set.of("n1"), StepSettings.defaults(), true);
        List<PlanStep> member = runbooks.forKind(SystemKind.ETCD).nodeRestart(etcd, etcd.node("n1").orElseThrow(),
                Set.of("n1"), StepSettings.defaults(), true);

        assertThat(broker).filteredOn(step -> step.action() == Action.AWAIT_HEALTHY).singleElement()
                .satisfies(step -> assertThat(step.params().timeout()).isEqualTo(Duration.ofSeconds(90)));
        assertThat(member).filteredOn(step -> step.action() == Action.AWAIT_HEALTHY).singleElement()
                .satisfies(step -> assertThat(step.params().timeout())
                        .isEqualTo(StepSettings.defaults().awaitHealthyTimeout()));
    }

    private static int indexOf(List<PlanStep> steps, String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).stepId().equals(stepId)) {
                return i;
            }
        }
        throw new AssertionError(stepId + " not in the plan");
    }
}
