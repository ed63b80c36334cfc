package dev.revive.detector.kafka;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.tracing.Tracing;
import io.opentelemetry.api.trace.Span;

/**
 * Where an incident's trace begins: the span of a fault's publication, the root of a new trace. The detector makes it
 * current while it publishes the fault (so the record carries it) and ends it when Kafka answered.
 */
public final class FaultSpans {

    private FaultSpans() {
    }

    /** The root span of {@code fault}'s trace, started now. */
    public static Span start(Tracing tracing, FaultEvent fault) {
        Span span = tracing.startTrace("fault").setAttribute("revive.fault.id", fault.faultId())
                .setAttribute("revive.fault.kind", fault.kind().name())
                .setAttribute("revive.cluster.id", fault.clusterId())
                .setAttribute("revive.fault.source", fault.source());
        if (fault.nodeId() != null) {
            span.setAttribute("revive.node.id", fault.nodeId());
        }
        return span;
    }
}
