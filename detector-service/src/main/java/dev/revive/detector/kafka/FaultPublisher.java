package dev.revive.detector.kafka;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.metrics.ReviveMetrics;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.service.api.RecordPublisher;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The one way a fault leaves the detector, whoever found it (a probe, a log or resource watch, {@code POST /faults},
 * an alert): each fault begins a trace, whose root span is current while the record is built (so the fault carries
 * it in {@code traceparent}) and ends when Kafka answered; an acknowledged fault is counted in
 * {@code revive_faults_total}.
 */
@ApplicationScoped
public class FaultPublisher {

    private static final ReviveMetrics METRICS = ReviveMetrics.global();

    @Inject
    RecordPublisher publisher;
    @Inject
    Tracing tracing;

    /** Sends {@code fault}; the future completes when Kafka acknowledged it (or failed when it refused it). */
    public CompletableFuture<RecordMetadata> publish(FaultEvent fault) {
        Span span = tracing.startTrace("fault").setAttribute("revive.fault.id", fault.faultId())
                .setAttribute("revive.fault.kind", fault.kind().name())
                .setAttribute("revive.cluster.id", fault.clusterId())
                .setAttribute("revive.fault.source", fault.source());
        if (fault.nodeId() != null) {
            span.setAttribute("revive.node.id", fault.nodeId());
        }
        CompletableFuture<RecordMetadata> acknowledged;
        try (Scope scope = span.makeCurrent()) {
            acknowledged = publisher.publish(Topics.FAULTS, fault.clusterId(), fault);
        }
        return acknowledged.whenComplete((metadata, failure) -> {
            if (failure == null) {
                METRICS.faultPublished(fault);
            } else {
                span.setStatus(StatusCode.ERROR, failure.toString());
            }
            span.end();
        });
    }

    /**
     * Sends {@code fault} and waits up to {@code ackTimeout} for Kafka's acknowledgement.
     *
     * @throws dev.revive.service.api.NotAcknowledgedException when Kafka did not acknowledge it in time, or refused it
     */
    public void publishAndAwait(FaultEvent fault, Duration ackTimeout, String retryAdvice) {
        RecordPublisher.await(publish(fault), "fault " + fault.faultId(), ackTimeout, retryAdvice);
    }
}
