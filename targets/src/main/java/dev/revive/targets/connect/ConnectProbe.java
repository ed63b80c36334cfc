package dev.revive.targets.connect;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.kind.NodeProbe;
import dev.revive.targets.kind.ProbeResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Probes a Connect worker: its REST root must answer 200, then none of the tasks it runs may be FAILED. A FAILED
 * task gives {@link ProbeResult#taskFailed} naming the connector, the task and the first line of its trace: the
 * worker runs, a unit of its work failed. No answer in time gives TIMEOUT (a hung worker), a refused connection
 * REFUSED (a dead one).
 */
public final class ConnectProbe implements NodeProbe {

    private final ConnectRest rest;

    public ConnectProbe(ConnectRest rest) {
        this.rest = rest;
    }

    @Override
    public ProbeResult probe(ClusterSpec spec, NodeSpec node) {
        try {
            rest.root(node.endpoints().client());
            List<WorkerTasks.ConnectorTask> failed = WorkerTasks.read(rest, node).inState(ConnectorStatus.FAILED);
            if (!failed.isEmpty()) {
                return ProbeResult.taskFailed(failed.stream().map(WorkerTasks.ConnectorTask::describe)
                        .collect(Collectors.joining("; ")));
            }
            return ProbeResult.answered();
        } catch (TargetException e) {
            return switch (e.kind()) {
                case REFUSED -> ProbeResult.refused(e.getMessage());
                case TIMEOUT -> ProbeResult.timedOut(e.getMessage());
                case FAILED, LOCAL -> ProbeResult.failed(e.getMessage());
            };
        } catch (RuntimeException e) {
            return ProbeResult.failed(e.toString());
        }
    }
}
