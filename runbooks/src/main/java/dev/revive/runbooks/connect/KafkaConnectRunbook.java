package dev.revive.runbooks.connect;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.StepParams;
import dev.revive.runbooks.AbstractRunbook;
import dev.revive.runbooks.diagnosis.Finding;
import dev.revive.runbooks.disruption.OneAtATime;
import dev.revive.runbooks.kafka.KafkaRunbook;
import dev.revive.runbooks.steps.RestartSteps;
import dev.revive.runbooks.steps.StepSettings;
import java.util.List;
import java.util.Set;

/**
 * Kafka Connect in distributed mode: workers are stateless (configs, offsets and statuses live in Kafka) and their
 * tasks move to the others after the rebalance delay, so one worker may be restarted at a time
 * ({@link OneAtATime}), without a snapshot ({@link RestartSteps#WITHOUT_SNAPSHOT}): a dead worker and a hung one
 * are restarted through the node driver. A FAILED task ({@link FaultKind#TASK_FAILED}) is not a process fault: its
 * recovery restarts the failed tasks through the worker's REST API ({@code 01-restart-tasks}) and waits for the
 * worker's probe ({@code 02-await-healthy}); the process is left alone.
 */
public final class KafkaConnectRunbook extends AbstractRunbook {

    public KafkaConnectRunbook() {
        super(SystemKind.KAFKA_CONNECT, new OneAtATime(), RestartSteps.WITHOUT_SNAPSHOT, KafkaRunbook.JVM_STARTUP);
    }

    @Override
    public List<PlanStep> recovery(ClusterSpec spec, NodeSpec node, Finding fault, Set<String> openNodes,
            StepSettings settings, boolean confirmUnresponsive) {
        if (fault.kind() != FaultKind.TASK_FAILED) {
            return nodeRestart(spec, node, openNodes, settings, confirmUnresponsive);
        }
        int attempts = settings.attempts();
        return List.of(
                new PlanStep("01-restart-tasks", Action.RESTART_TASKS, node.id(),
                        new StepParams(settings.awaitHealthyTimeout(), null, null, null, attempts), OnFailure.ABORT),
                new PlanStep("02-await-healthy", Action.AWAIT_HEALTHY, node.id(),
                        new StepParams(settings.awaitHealthyTimeout(), null, null, null, attempts), OnFailure.ABORT));
    }
}
