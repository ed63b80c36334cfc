package dev.revive.targets.connect;

import dev.revive.contracts.cluster.NodeSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One worker's share of a Connect cluster's work: the tasks whose {@code worker_id} is this worker, read from the
 * worker's own REST API ({@code GET /connectors?expand=status}). A worker's id is its advertised REST
 * {@code host:port}, the host and port of the node's client endpoint.
 *
 * @param workerId the worker's id
 * @param tasks    its tasks, each with its connector's name
 */
record WorkerTasks(String workerId, List<ConnectorTask> tasks) {

    /** A task with the connector it belongs to. */
    record ConnectorTask(String connector, ConnectorStatus.Task task) {

        String describe() {
            return connector + "/" + task.id() + " " + task.state()
                    + task.traceHead().map(head -> ": " + head).orElse("");
        }
    }

    WorkerTasks {
        tasks = List.copyOf(tasks);
    }

    /** Reads the tasks of {@code node}; throws {@link dev.revive.targets.TargetException} when it does not answer. */
    static WorkerTasks read(ConnectRest rest, NodeSpec node) {
        String workerId = workerId(node);
        List<ConnectorTask> tasks = new ArrayList<>();
        for (Map.Entry<String, ConnectorStatus> entry : rest.statuses(node.endpoints().client()).entrySet()) {
            entry.getValue().tasksOn(workerId).forEach(task -> tasks.add(new ConnectorTask(entry.getKey(), task)));
        }
        return new WorkerTasks(workerId, tasks);
    }

    /** The worker id of {@code node}: {@code host:port} of its client endpoint. */
    static String workerId(NodeSpec node) {
        URI uri = URI.create(node.endpoints().client());
        return uri.getHost() + ":" + uri.getPort();
    }

    /** Its tasks in {@code state}. */
    List<ConnectorTask> inState(String state) {
        return tasks.stream().filter(task -> state.equals(task.task().state())).toList();
    }
}
