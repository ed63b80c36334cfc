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
 * REFUSED (a dead one). Each probe also asks {@link SinkLag} for a sample of the sink connectors' groups (in the
 * background, at most once a second per cluster); a TIMEOUT's error adds what Burrow's rules say of that window
 * ({@code lag STALL on collected-0 of connect-sink}), so that a hung collector is told from a slow one.
 */
public final class ConnectProbe implements NodeProbe {

    private final ConnectRest rest;
    private final SinkLag lag;

    ConnectProbe(ConnectRest rest, SinkLag lag) {
        this.rest = rest;
        this.lag = lag;
    }

    @Override
    public ProbeResult probe(ClusterSpec spec, NodeSpec node) {
        lag.sampleSoon(spec);
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
                case TIMEOUT -> ProbeResult.timedOut(e.getMessage()
                        + lag.describe(spec).map(status -> "; " + status).orElse(""));
                case FAILED, LOCAL -> ProbeResult.failed(e.getMessage());
            };
        } catch (RuntimeException e) {
            return ProbeResult.failed(e.toString());
        }
    }
}
