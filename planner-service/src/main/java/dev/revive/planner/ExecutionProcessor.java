package dev.revive.planner;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.kafka.TopicSerdes;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.IncidentPlanner;
import dev.revive.planner.domain.Result;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Step events and plan outcomes from {@code revive.executions}: the incident that runs the plan moves on. */
final class ExecutionProcessor extends IncidentProcessor<ExecutionEvent> {

    private static final Logger LOG = Logger.getLogger(ExecutionProcessor.class);

    ExecutionProcessor(Clock clock, IncidentPlanner planner, Tracing tracing) {
        super(new TopicSerdes.ExecutionEventSerde(), clock, planner, tracing);
    }

    @Override
    String clusterIdOf(ExecutionEvent event) {
        return event.clusterId();
    }

    @Override
    Result decide(IncidentPlanner planner, ClusterState state, ClusterSpec spec, ExecutionEvent event) {
        LOG.debugf("Execution event %s of plan %s", event.eventId(), event.planId());
        return planner.onExecution(state, spec, event);
    }
}
