package dev.revive.runbooks.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.runbooks.Runbook;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.Specs;
import dev.revive.runbooks.disruption.OneAtATime;
import dev.revive.runbooks.steps.StepSettings;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KafkaConnectRunbookTest {

    private final Runbook runbook = Runbooks.standard().forKind(SystemKind.KAFKA_CONNECT);
    private final ClusterSpec connect = Specs.cluster(SystemKind.KAFKA_CONNECT, Policy.defaults());

    @Test
    void isTheStandardRunbookOfKafkaConnectWithOneWorkerDownAtATime() {
        assertThat(runbook).isInstanceOf(KafkaConnectRunbook.class);
        assertThat(runbook.disruption()).isInstanceOf(OneAtATime.class);
    }

    @Test
    void aDeadWorkerIsRestartedWithoutASnapshot() {
        List<PlanStep> steps = runbook.recovery(connect, connect.node("n2").orElseThrow(), Specs.critical("n2", FaultKind.PROCESS_DOWN),
                Set.of("n2"), StepSettings.defaults(), false);

        assertThat(steps).extracting(PlanStep::stepId, PlanStep::action).containsExactly(
                tuple("01-stop", Action.STOP),
                tuple("02-force-kill", Action.FORCE_KILL),
                tuple("03-clean-temp", Action.CLEAN_TEMP),
                tuple("04-start", Action.START),
                tuple("05-await-healthy", Action.AWAIT_HEALTHY),
                tuple("06-await-caught-up", Action.AWAIT_CAUGHT_UP));
    }

    @Test
    void aFailedTaskIsRestartedThroughRestWithoutTouchingTheProcess() {
        List<PlanStep> steps = runbook.recovery(connect, connect.node("n1").orElseThrow(), Specs.critical("n1", FaultKind.TASK_FAILED),
                Set.of("n1"), StepSettings.defaults(), true);

        assertThat(steps).extracting(PlanStep::stepId, PlanStep::action, PlanStep::nodeId, PlanStep::onFailure)
                .containsExactly(
                        tuple("01-restart-tasks", Action.RESTART_TASKS, "n1", OnFailure.ABORT),
                        tuple("02-await-healthy", Action.AWAIT_HEALTHY, "n1", OnFailure.ABORT));
        assertThat(steps).extracting(PlanStep::action)
                .doesNotContain(Action.STOP, Action.FORCE_KILL, Action.START);
        assertThat(steps).allSatisfy(step -> assertThat(step.params().timeout())
                .isEqualTo(StepSettings.defaults().awaitHealthyTimeout()));
    }

    @ParameterizedTest
    @EnumSource(value = FaultKind.class, names = "TASK_FAILED", mode = EnumSource.Mode.EXCLUDE)
    void everyOtherFaultRestartsTheWorker(FaultKind kind) {
        List<PlanStep> steps = runbook.recovery(connect, connect.node("n3").orElseThrow(), Specs.critical("n3", kind), Set.of("n3"),
                StepSettings.defaults(), false);

        assertThat(steps).extracting(PlanStep::action).contains(Action.STOP, Action.START)
                .doesNotContain(Action.RESTART_TASKS, Action.SNAPSHOT);
    }
}
