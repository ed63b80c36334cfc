package dev.revive.targets.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskPlacementTest {

    private static final String W0 = "127.0.0.1:8083";
    private static final String W1 = "127.0.0.1:8084";

    @Test
    void passesAndNamesTheSurvivorWhenTheDeadWorkersTasksMovedToIt() {
        TaskPlacement placement = new TaskPlacement(Map.of("w0", W0), Map.of("w1", W1), Map.of(
                "source", connector("source", W0, task(0, "RUNNING", W0)),
                "sink", connector("sink", W0, task(0, "RUNNING", W0))));

        CheckResult check = placement.check();

        assertThat(placement.continues()).isTrue();
        assertThat(check.status()).isEqualTo(CheckStatus.PASS);
        assertThat(check.evidence()).containsEntry("w0", "answers; runs sink/0 RUNNING, source/0 RUNNING")
                .containsEntry("w1", "does not answer; no task is assigned to it")
                .containsEntry("connector source", "RUNNING on w0");
    }

    @Test
    void failsWhileATaskIsStillRunningUnderTheIdOfAWorkerThatDoesNotAnswer() {
        TaskPlacement placement = new TaskPlacement(Map.of("w0", W0), Map.of("w1", W1), Map.of(
                "source", connector("source", W0, task(0, "RUNNING", W1)),
                "sink", connector("sink", W0, task(0, "RUNNING", W0))));

        CheckResult check = placement.check();

        assertThat(placement.continues()).isFalse();
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.observed()).contains("source/0 RUNNING");
        assertThat(check.evidence().get("w1")).startsWith("does not answer; still assigned [source/0 RUNNING]");
    }

    @Test
    void failsWhenAConnectorInstanceSitsOnASilentWorker() {
        TaskPlacement placement = new TaskPlacement(Map.of("w0", W0), Map.of("w1", W1), Map.of(
                "source", connector("source", W1, task(0, "RUNNING", W0))));

        assertThat(placement.continues()).isFalse();
        assertThat(placement.check().evidence()).containsEntry("connector source", "RUNNING on w1 (does not answer)");
    }

    @Test
    void failsWhenATaskIsUnassignedOrFailedEvenOnAnAnsweringWorker() {
        TaskPlacement unassigned = new TaskPlacement(Map.of("w0", W0), Map.of(), Map.of(
                "source", connector("source", W0, task(0, "UNASSIGNED", null))));
        TaskPlacement failed = new TaskPlacement(Map.of("w0", W0), Map.of(), Map.of(
                "source", connector("source", W0, task(0, "FAILED", W0))));

        assertThat(unassigned.continues()).isFalse();
        assertThat(failed.check().status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void failsWhenNoWorkerAnswers() {
        TaskPlacement placement = new TaskPlacement(Map.of(), Map.of("w0", W0, "w1", W1), Map.of());

        assertThat(placement.check().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(placement.check().observed()).isEqualTo("no worker answers");
    }

    private static ConnectorStatus connector(String name, String workerId, ConnectorStatus.Task... tasks) {
        return new ConnectorStatus(name, "RUNNING", workerId, "source", List.of(tasks));
    }

    private static ConnectorStatus.Task task(int id, String state, String workerId) {
        return new ConnectorStatus.Task(id, state, workerId, null);
    }
}
