package dev.revive.planner;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.TopicSerdes;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.IncidentPlanner;
import dev.revive.planner.domain.Result;
import io.opentelemetry.context.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Faults from {@code revive.faults}: only for registered clusters and their nodes, else dead-lettered. Also
 * runs the planner's wall-clock tick: every {@code tickInterval} it scans the incident store for the clusters
 * whose confirm window ended or whose approval request expired (one comparison per cluster) and decides them.
 */
final class FaultProcessor extends IncidentProcessor<FaultEvent> {

    private static final Logger LOG = Logger.getLogger(FaultProcessor.class);

    private final Duration tickInterval;

    FaultProcessor(Clock clock, IncidentPlanner planner, Tracing tracing, Duration tickInterval) {
        super(new TopicSerdes.FaultEventSerde(), clock, planner, tracing);
        this.tickInterval = tickInterval;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        super.init(context);
        context.schedule(tickInterval, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    String clusterIdOf(FaultEvent fault) {
        return fault.clusterId();
    }

    @Override
    void admit(ClusterSpec spec, FaultEvent fault) {
        if (spec == null) {
            throw new InvalidEventException(RejectReason.UNKNOWN_CLUSTER, "clusterId",
                    "cluster '" + fault.clusterId() + "' is not registered");
        }
        if (fault.nodeId() != null && spec.node(fault.nodeId()).isEmpty()) {
            throw new InvalidEventException(RejectReason.UNKNOWN_NODE, "nodeId",
                    "'" + fault.nodeId() + "' is not a node of cluster '" + fault.clusterId() + "'");
        }
    }

    @Override
    Result decide(IncidentPlanner planner, ClusterState state, ClusterSpec spec, FaultEvent fault) {
        LOG.debugf("Fault %s: %s %s of %s", fault.faultId(), fault.severity(), fault.kind(), fault.subject());
        return planner.onFault(state, spec, fault);
    }

    private void tick(long wallClockMillis) {
        List<ClusterState> due = new ArrayList<>();
        try (KeyValueIterator<String, ClusterState> all = incidents.all()) {
            while (all.hasNext()) {
                KeyValue<String, ClusterState> entry = all.next();
                if (entry.value.due(clock.instant())) {
                    due.add(entry.value);
                }
            }
        }
        for (ClusterState state : due) {
            MDC.put(CLUSTER_ID, state.clusterId());
            try {
                apply(state.clusterId(), planner.onTick(state, specs.get(state.clusterId())), wallClockMillis,
                        Context.root());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Tick of cluster %s failed; it is tried again on the next tick", state.clusterId());
            } finally {
                MDC.remove(CLUSTER_ID);
                MDC.remove(INCIDENT_ID);
            }
        }
    }
}
