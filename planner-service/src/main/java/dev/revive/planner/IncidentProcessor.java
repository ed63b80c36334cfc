package dev.revive.planner;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventSerde;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.Decision;
import dev.revive.planner.domain.IncidentPlanner;
import dev.revive.planner.domain.IncidentState;
import dev.revive.planner.domain.Result;
import dev.revive.planner.domain.Transition;
import java.time.Clock;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs one decoded event through the {@link IncidentPlanner} against its cluster's stored state,
 * stores the next state and publishes the decided plan with CloudEvent headers, key = cluster id.
 * Only wiring: the rules are in the domain package.
 *
 * @param <T> the event type
 */
abstract class IncidentProcessor<T> extends DecodingProcessor<T> {

    private static final Logger LOG = Logger.getLogger(IncidentProcessor.class);

    private final IncidentPlanner planner;
    private KeyValueStore<String, ClusterSpec> specs;
    private KeyValueStore<String, ClusterState> incidents;

    IncidentProcessor(EventSerde<T> serde, Clock clock, IncidentPlanner planner) {
        super(serde, clock);
        this.planner = planner;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        super.init(context);
        specs = context.getStateStore(PlannerStores.SPECS);
        incidents = context.getStateStore(PlannerStores.INCIDENTS);
    }

    /** Checks the event against its registered cluster ({@code spec} null: not registered); throws to dead-letter it. */
    void admit(ClusterSpec spec, T event) {
    }

    /** What the planner makes of the event. */
    abstract Result decide(IncidentPlanner planner, ClusterState state, ClusterSpec spec, T event);

    @Override
    final void handle(Record<byte[], byte[]> record, T event) {
        String clusterId = clusterIdOf(event);
        ClusterSpec spec = specs.get(clusterId);
        admit(spec, event);
        ClusterState state = incidents.get(clusterId);
        Result result = decide(planner, state == null ? ClusterState.empty(clusterId) : state, spec, event);
        incidents.put(clusterId, result.state());
        if (result.state().incident() != null) {
            MDC.put(INCIDENT_ID, result.state().incident().incidentId());
        }
        result.transitions().forEach(IncidentProcessor::log);
        result.plan().ifPresent(plan -> publish(plan, record.timestamp()));
        if (result.decision() instanceof Decision.Wait wait) {
            LOG.debugf("No plan: %s", wait.reason());
        }
    }

    private void publish(RecoveryPlan plan, long timestamp) {
        Headers headers = CloudEventHeaders.write(new RecordHeaders(),
                EventTypes.describe(plan, PlannerTopology.SOURCE, clock.instant()));
        context.forward(new Record<>(plan.clusterId(), plan, timestamp, headers), PlannerTopology.PLANS_SINK);
        LOG.infof("Plan %s published: mode %s, %d step(s), faults %s%s", plan.planId(), plan.mode(),
                plan.steps().size(), plan.reason(), plan.modeReason() == null ? "" : "; " + plan.modeReason());
    }

    private static void log(Transition transition) {
        MDC.put(INCIDENT_ID, transition.incidentId());
        Logger.Level level = transition.to() == IncidentState.ESCALATED ? Logger.Level.WARN : Logger.Level.INFO;
        LOG.logf(level, "Incident %s %s -> %s: %s", transition.incidentId(),
                transition.from() == null ? "new" : transition.from(), transition.to(), transition.why());
    }
}
