package dev.revive.targets.connect;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * RESTART_TASKS: for every connector with a FAILED task on the step's worker,
 * {@code POST /connectors/{name}/restart?includeTasks=true&onlyFailed=true} on that worker (Connect forwards it to
 * the leader), which must answer 202. The process is not touched. Idempotent: with no failed task on the worker
 * the step is SKIPPED, naming what it saw.
 */
public final class RestartTasksAction implements ActionHandler {

    private static final int ACCEPTED = 202;

    private final ConnectRest rest;

    public RestartTasksAction(ConnectRest rest) {
        this.rest = rest;
    }

    @Override
    public StepOutcome execute(StepContext context) {
        Optional<NodeSpec> node = context.node();
        if (node.isEmpty()) {
            return StepOutcome.failedPermanently(context.describe() + " names no worker of the spec");
        }
        String baseUrl = node.get().endpoints().client();
        try {
            List<WorkerTasks.ConnectorTask> failed = WorkerTasks.read(rest, node.get()).inState(ConnectorStatus.FAILED);
            if (failed.isEmpty()) {
                return StepOutcome.skipped("no FAILED task on " + node.get().id() + ": nothing to restart");
            }
            TreeSet<String> connectors = new TreeSet<>();
            failed.forEach(task -> connectors.add(task.connector()));
            Optional<StepOutcome> refusal = context.refusalBefore("restart the failed tasks of " + connectors);
            if (refusal.isPresent()) {
                return refusal.get();
            }
            for (String connector : connectors) {
                int code = rest.restartFailed(baseUrl, connector);
                if (code != ACCEPTED) {
                    return StepOutcome.failed("restart of " + connector + " answered " + code + ", not "
                            + ACCEPTED);
                }
            }
            return StepOutcome.succeeded("restarted the failed tasks of " + connectors + " on " + node.get().id()
                    + " (" + failed.stream().map(WorkerTasks.ConnectorTask::describe).toList() + ")");
        } catch (TargetException e) {
            return e.kind() == TargetException.Kind.TIMEOUT ? StepOutcome.timedOut(e.getMessage())
                    : StepOutcome.failed(e.getMessage());
        }
    }

    @Override
    public String describe(StepContext context) {
        Optional<NodeSpec> node = context.node();
        if (node.isEmpty()) {
            return context.describe() + ": names no worker of the spec";
        }
        try {
            TreeSet<String> connectors = new TreeSet<>();
            WorkerTasks.read(rest, node.get()).inState(ConnectorStatus.FAILED)
                    .forEach(task -> connectors.add(task.connector()));
            return connectors.isEmpty() ? "no FAILED task on " + node.get().id() + ": would restart nothing"
                    : "would POST /connectors/{name}/restart?includeTasks=true&onlyFailed=true to "
                            + node.get().endpoints().client() + " for " + connectors;
        } catch (TargetException e) {
            return "would restart the failed tasks on " + node.get().id() + "; cannot read them now: "
                    + e.getMessage();
        }
    }
}
