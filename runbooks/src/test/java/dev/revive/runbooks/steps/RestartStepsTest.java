package dev.revive.runbooks.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.Specs;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RestartStepsTest {

    private final ClusterSpec etcd = Specs.etcd();

    @Test
    void etcdRestartFollowsTheDesignTableInOrder() {
        List<PlanStep> steps = Runbooks.standard().forKind(SystemKind.ETCD)
                .nodeRestart(etcd, etcd.node("n1").orElseThrow(), Set.of("n1"), StepSettings.defaults(), false);

        assertThat(steps).extracting(PlanStep::stepId, PlanStep::action, PlanStep::nodeId, PlanStep::onFailure)
                .containsExactly(
                        tuple("01-snapshot", Action.SNAPSHOT, "n1", OnFailure.CONTINUE),
                        tuple("02-stop", Action.STOP, "n1", OnFailure.ABORT),
                        tuple("03-force-kill", Action.FORCE_KILL, "n1", OnFailure.ABORT),
                        tuple("04-clean-temp", Action.CLEAN_TEMP, "n1", OnFailure.ABORT),
                        tuple("05-start", Action.START, "n1", OnFailure.ABORT),
                        tuple("06-await-healthy", Action.AWAIT_HEALTHY, "n1", OnFailure.ABORT),
                        tuple("07-await-caught-up", Action.AWAIT_CAUGHT_UP, "n1", OnFailure.ABORT));
    }

    @Test
    void genericRestartIsTheSameWithoutTheSnapshot() {
        ClusterSpec generic = Specs.cluster(SystemKind.GENERIC, Policy.defaults());

        List<PlanStep> steps = Runbooks.standard().forKind(SystemKind.GENERIC)
                .nodeRestart(generic, generic.node("n2").orElseThrow(), Set.of("n2"), StepSettings.defaults(), false);

        assertThat(steps).extracting(PlanStep::stepId, PlanStep::action).containsExactly(
                tuple("01-stop", Action.STOP),
                tuple("02-force-kill", Action.FORCE_KILL),
                tuple("03-clean-temp", Action.CLEAN_TEMP),
                tuple("04-start", Action.START),
                tuple("05-await-healthy", Action.AWAIT_HEALTHY),
                tuple("06-await-caught-up", Action.AWAIT_CAUGHT_UP));
    }

    @Test
    void paramsComeFromTheSpecThePolicyAndTheSettings() {
        List<PlanStep> steps = RestartSteps.WITH_SNAPSHOT.steps(etcd, etcd.node("n1").orElseThrow(),
                Set.of("n1", "n2"), StepSettings.defaults(), false);

        assertThat(steps.get(0).params().sourceNodeId()).isEqualTo("n3");
        assertThat(steps.get(0).params().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(steps.get(1).params().gracePeriod()).isEqualTo(Specs.STOP_TIMEOUT);
        assertThat(steps.get(1).params().timeout()).isEqualTo(Specs.STOP_TIMEOUT.plusSeconds(5));
        assertThat(steps.get(5).params().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(steps.get(6).params().sourceNodeId()).isNull();
        assertThat(steps.get(6).params().maxIndexLag()).isEqualTo(100L);
        assertThat(steps.get(6).params().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(steps).allSatisfy(step -> assertThat(step.params().attempts()).isEqualTo(1));
        assertThat(steps).noneMatch(step -> step.params().confirmUnresponsive());
    }

    @Test
    void confirmUnresponsiveMarksOnlyStopAndForceKill() {
        List<PlanStep> steps = RestartSteps.WITH_SNAPSHOT.steps(etcd, etcd.node("n1").orElseThrow(), Set.of("n1"),
                StepSettings.defaults(), true);

        assertThat(steps).filteredOn(step -> step.params().confirmUnresponsive()).extracting(PlanStep::action)
                .containsExactly(Action.STOP, Action.FORCE_KILL);
    }

    @Test
    void snapshotHasNoSourceWhenEveryOtherMemberHasAnOpenFault() {
        assertThat(RestartSteps.snapshotSource(etcd, "n1", Set.of("n2", "n3"))).isEmpty();
        assertThat(RestartSteps.snapshotSource(etcd, "n1", Set.of("n1"))).contains("n2");
    }
}
