package dev.revive.planner;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.EventRecords;
import dev.revive.contracts.kafka.EventSerde;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.state.IllegalTransitionException;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.Decision;
import dev.revive.planner.domain.IncidentPlanner;
import dev.revive.planner.domain.IncidentState;
import dev.revive.planner.domain.Result;
import dev.revive.planner.domain.Transition;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs one decoded event through the {@link IncidentPlanner} against its cluster's stored state,
 * stores the next state and publishes the decided plans with CloudEvent headers, key = cluster id.
 * An event that would make an illegal incident move is dead-lettered with ILLEGAL_TRANSITION and stores
 * nothing. An event about a cluster that is neither registered nor has a stored state is dead-lettered with
 * UNKNOWN_CLUSTER and stores nothing, so unknown cluster ids never add entries to the incident store (a cluster
 * removed while it has a state still gets the feedback of its running incident). Only wiring: the rules are in
 * the domain package.
 *
 * @param <T> the event type
 */
abstract class IncidentProcessor<T> extends DecodingProcessor<T> {

    private static final Logger LOG = Logger.getLogger(IncidentProcessor.class);

    protected final IncidentPlanner planner;
    protected KeyValueStore<String, ClusterSpec> specs;
    protected KeyValueStore<String, ClusterState> incidents;
    private final IncidentTraces traces;

    IncidentProcessor(EventSerde<T> serde, Clock clock, IncidentPlanner planner, Tracing tracing) {
        super(serde, clock);
        this.planner = planner;
        this.traces = new IncidentTraces(tracing);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        super.init(context);
        specs = context.getStateStore(PlannerStores.SPECS);
        incidents = context.getStateStore(PlannerStores.INCIDENTS);
        traces.init(context);
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
        ClusterState stored = incidents.get(clusterId);
        if (spec == null && stored == null) {
            throw new InvalidEventException(RejectReason.UNKNOWN_CLUSTER, "clusterId",
                    "cluster '" + clusterId + "' is not registered and has no incident");
        }
        Result result;
        try {
            result = decide(planner, stored == null ? ClusterState.empty(clusterId) : stored, spec, event);
        } catch (IllegalTransitionException illegal) {
            throw new InvalidEventException(RejectReason.ILLEGAL_TRANSITION, "state", illegal.getMessage());
        }
        apply(clusterId, result, record.timestamp(), Tracing.contextOf(record.headers()));
    }

    /**
     * Stores the result, logs its transitions and publishes its plans, each in its incident's trace; {@code cause}
     * is the trace context of the record that led to the result (the root context for a tick).
     */
    void apply(String clusterId, Result result, long timestamp, Context cause) {
        incidents.put(clusterId, result.state());
        Map<String, Context> incidentTraces = traces.of(clusterId, result.state().incident(), cause);
        if (result.state().incident() != null) {
            MDC.put(INCIDENT_ID, result.state().incident().incidentId());
        }
        result.transitions().forEach(IncidentProcessor::log);
        result.plans().forEach(plan -> publish(plan, timestamp,
                incidentTraces.getOrDefault(plan.incidentId(), Context.root())));
        if (result.decision() instanceof Decision.Refuse refuse) {
            LOG.warnf("Approval refused: %s", LogSafe.text(refuse.reason()));
        } else if (result.decision() instanceof Decision.Wait wait) {
            LOG.debugf("No plan: %s", LogSafe.text(wait.reason()));
        }
    }

    private void publish(RecoveryPlan plan, long timestamp, Context incidentTrace) {
        Span span = traces.planSpan(incidentTrace).setAttribute("revive.plan.id", plan.planId())
                .setAttribute("revive.incident.id", plan.incidentId()).setAttribute("revive.plan.revision",
                        plan.revision()).setAttribute("revive.plan.mode", plan.mode().name());
        try (Scope scope = span.makeCurrent()) {
            Headers headers = EventRecords.headers(plan, PlannerTopology.SOURCE, clock.instant());
            context.forward(new Record<>(plan.clusterId(), plan, timestamp, headers), PlannerTopology.PLANS_SINK);
        } finally {
            span.end();
        }
        LOG.infof("Plan %s published: mode %s, %d step(s), faults %s%s", plan.planId(), plan.mode(),
                plan.steps().size(), plan.reason(),
                plan.modeReason() == null ? "" : "; " + LogSafe.text(plan.modeReason()));
    }

    private static void log(Transition transition) {
        MDC.put(INCIDENT_ID, transition.incidentId());
        Logger.Level level = transition.to() == IncidentState.ESCALATED ? Logger.Level.WARN : Logger.Level.INFO;
        LOG.logf(level, "Incident %s %s -> %s: %s", transition.incidentId(),
                transition.from() == null ? "new" : transition.from(), transition.to(), LogSafe.text(transition.why()));
    }
}
