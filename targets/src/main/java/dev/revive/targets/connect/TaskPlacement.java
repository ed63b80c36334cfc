package dev.revive.targets.connect;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which worker runs which task, read against which workers answer: the check {@code collection-continues}. A worker
 * that dies keeps its tasks in the statuses (RUNNING, with its id) until the group notices it left (the session
 * timeout) and the rebalance delay ({@code scheduled.rebalance.max.delay.ms}) has passed; only then do they move to a
 * worker that is left. So a task RUNNING on a worker that does not answer is not running: the collection carries on
 * only when every connector and every task (at least one) is RUNNING on a worker that answers.
 *
 * @param answering the worker id ({@code host:port}) of every node that answers, by node id
 * @param silent    the worker id of every node that does not answer, by node id
 * @param statuses  every connector's status, by name, as an answering worker reads them
 */
record TaskPlacement(Map<String, String> answering, Map<String, String> silent, Map<String, ConnectorStatus> statuses) {

    static final String NAME = "collection-continues";

    TaskPlacement {
        answering = Map.copyOf(answering);
        silent = Map.copyOf(silent);
        statuses = Map.copyOf(statuses);
    }

    /**
     * Whether a worker answers and every connector and every task (at least one per connector) runs on a worker
     * that answers; a cluster without connectors has nothing stranded.
     */
    boolean continues() {
        return !answering.isEmpty() && statuses.values().stream().allMatch(status -> status.allRunning()
                && onAnsweringWorker(status.workerId())
                && status.tasks().stream().allMatch(task -> onAnsweringWorker(task.workerId())));
    }

    /**
     * The check: PASS only when {@link #continues()}; the evidence names, per node, whether it answers and which
     * tasks it runs, so a worker that is gone shows it runs none, and per connector the state and its worker.
     */
    CheckResult check() {
        Map<String, String> evidence = new LinkedHashMap<>();
        answering.keySet().stream().sorted().forEach(node -> evidence.put(node, "answers; runs "
                + describe(tasksOn(answering.get(node)))));
        List<String> stranded = new ArrayList<>();
        silent.keySet().stream().sorted().forEach(node -> {
            List<String> left = tasksOn(silent.get(node));
            stranded.addAll(left);
            evidence.put(node, "does not answer; " + (left.isEmpty() ? "no task is assigned to it"
                    : "still assigned " + left + ", which run nowhere until the group moves them"));
        });
        statuses.keySet().stream().sorted().forEach(name -> {
            ConnectorStatus status = statuses.get(name);
            evidence.put("connector " + name, status.state() + " on " + nodeOf(status.workerId()));
        });
        String observed = continues() ? "every task RUNNING on an answering worker"
                : answering.isEmpty() ? "no worker answers"
                : stranded.isEmpty() ? "not every connector and task RUNNING on an answering worker"
                : "tasks on workers that do not answer: " + stranded;
        return new CheckResult(NAME, continues() ? CheckStatus.PASS : CheckStatus.FAIL, observed,
                "every connector and every task RUNNING on a worker that answers", evidence);
    }

    /** {@code connector/task STATE} of every task assigned to {@code workerId}, in connector order. */
    private List<String> tasksOn(String workerId) {
        List<String> tasks = new ArrayList<>();
        statuses.keySet().stream().sorted().forEach(name -> statuses.get(name).tasksOn(workerId)
                .forEach(task -> tasks.add(name + "/" + task.id() + " " + task.state())));
        return tasks;
    }

    private boolean onAnsweringWorker(String workerId) {
        return workerId != null && answering.containsValue(workerId);
    }

    private String nodeOf(String workerId) {
        return nodeIn(answering, workerId)
                .or(() -> nodeIn(silent, workerId).map(node -> node + " (does not answer)"))
                .orElse(workerId + " (no node of the spec)");
    }

    private static Optional<String> nodeIn(Map<String, String> nodes, String workerId) {
        return nodes.entrySet().stream().filter(entry -> entry.getValue().equals(workerId)).map(Map.Entry::getKey)
                .findFirst();
    }

    private static String describe(List<String> tasks) {
        return tasks.isEmpty() ? "no task" : String.join(", ", tasks);
    }
}
