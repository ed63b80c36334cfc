package dev.revive.targets.connect;

import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /connectors/{name}/status} says about one connector.
 *
 * @param name     the connector
 * @param state    the connector's own state (RUNNING, FAILED, PAUSED, UNASSIGNED, …)
 * @param workerId the worker running the connector instance ({@code host:port})
 * @param type     {@code source} or {@code sink}
 * @param tasks    its tasks
 */
public record ConnectorStatus(String name, String state, String workerId, String type, List<Task> tasks) {

    /** The state of a task or connector that runs. */
    public static final String RUNNING = "RUNNING";
    /** The state of a task or connector that failed. */
    public static final String FAILED = "FAILED";
    /** The state of a task no worker runs. */
    public static final String UNASSIGNED = "UNASSIGNED";

    /**
     * One task.
     *
     * @param id       the task number
     * @param state    RUNNING, FAILED, UNASSIGNED, PAUSED, …
     * @param workerId the worker it is assigned to ({@code host:port})
     * @param trace    the failure's stack trace, null unless FAILED
     */
    public record Task(int id, String state, String workerId, String trace) {

        /** The first line of the trace (the exception and its message), if any. */
        public Optional<String> traceHead() {
            return trace == null || trace.isBlank() ? Optional.empty() : Optional.of(trace.lines().findFirst().orElse(""));
        }
    }

    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    /** The tasks assigned to {@code workerId}. */
    public List<Task> tasksOn(String workerId) {
        return tasks.stream().filter(task -> workerId.equals(task.workerId())).toList();
    }

    /** Whether the connector and every task (at least one) are RUNNING. */
    public boolean allRunning() {
        return RUNNING.equals(state) && !tasks.isEmpty() && tasks.stream().allMatch(task -> RUNNING.equals(task.state()));
    }
}
