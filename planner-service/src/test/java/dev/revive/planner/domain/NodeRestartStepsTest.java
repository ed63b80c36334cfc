package dev.revive.planner.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanStep;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeRestartStepsTest {

    private final NodeRestartSteps restart = new NodeRestartSteps(RunbookSettings.defaults());

    @Test
    void stepsFollowTheDesignTableInOrder() {
        List<PlanStep> steps = restart.steps(Fixtures.etcd(), Fixtures.etcd().node("n1").orElseThrow(), Set.of("n1"));

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
    void paramsComeFromTheSpecThePolicyAndTheSettings() {
        List<PlanStep> steps = restart.steps(Fixtures.etcd(), Fixtures.etcd().node("n1").orElseThrow(),
                Set.of("n1", "n2"));

        assertThat(steps.get(0).params().sourceNodeId()).isEqualTo("n3");
        assertThat(steps.get(0).params().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(steps.get(1).params().gracePeriod()).isEqualTo(Fixtures.STOP_TIMEOUT);
        assertThat(steps.get(1).params().timeout()).isEqualTo(Fixtures.STOP_TIMEOUT.plusSeconds(5));
        assertThat(steps.get(5).params().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(steps.get(6).params().sourceNodeId()).isNull();
        assertThat(steps.get(6).params().maxIndexLag()).isEqualTo(100L);
        assertThat(steps.get(6).params().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(steps).allSatisfy(step -> assertThat(step.params().attempts()).isEqualTo(1));
    }

    @Test
    void snapshotHasNoSourceWhenEveryOtherMemberHasAnOpenFault() {
        assertThat(NodeRestartSteps.snapshotSource(Fixtures.etcd(), "n1", Set.of("n2", "n3"))).isEmpty();
        assertThat(NodeRestartSteps.snapshotSource(Fixtures.etcd(), "n1", Set.of("n1"))).contains("n2");
    }
}
