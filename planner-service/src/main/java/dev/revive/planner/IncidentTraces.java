package dev.revive.planner;

import dev.revive.contracts.tracing.Tracing;
import dev.revive.planner.domain.Incident;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The trace of each cluster's incident, kept in the {@link PlannerStores#TRACES} store beside its state: every plan
 * revision of the incident (the first, one after an approval, an escalation) is a span of that one trace. A new
 * incident continues the trace of the record that opened it (the fault, whose detector span began the trace), or
 * begins its own when that record carried none (a tick, a rollback request).
 */
final class IncidentTraces {

    private final Tracing tracing;
    private KeyValueStore<String, String> store;

    IncidentTraces(Tracing tracing) {
        this.tracing = tracing;
    }

    void init(ProcessorContext<Object, Object> context) {
        store = context.getStateStore(PlannerStores.TRACES);
    }

    /**
     * The trace contexts of the incidents a result may publish plans for, by incident id: the one stored for the
     * cluster, and {@code current} (remembered now when it is new, under {@code cause}, the context of the record
     * that opened it).
     */
    Map<String, Context> of(String clusterId, Incident current, Context cause) {
        Map<String, Context> contexts = new HashMap<>();
        String stored = store.get(clusterId);
        int space = stored == null ? -1 : stored.indexOf(' ');
        if (space > 0) {
            contexts.put(stored.substring(0, space), Tracing.contextOf(stored.substring(space + 1)));
        }
        if (current != null && !contexts.containsKey(current.incidentId())) {
            Context opened = open(current.incidentId(), cause);
            Tracing.traceparentOf(Span.fromContext(opened))
                    .ifPresent(traceparent -> store.put(clusterId, current.incidentId() + " " + traceparent));
            contexts.put(current.incidentId(), opened);
        }
        return contexts;
    }

    private Context open(String incidentId, Context cause) {
        if (Span.fromContext(cause).getSpanContext().isValid()) {
            return cause;
        }
        Span span = tracing.startTrace("incident").setAttribute("revive.incident.id", incidentId);
        span.end();
        return Context.root().with(span);
    }

    /** A span of the plan's publication under {@code incident}, started now; the caller makes it current and ends it. */
    Span planSpan(Context incident) {
        return tracing.startChild(incident, "plan");
    }
}
