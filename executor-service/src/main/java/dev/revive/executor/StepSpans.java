package dev.revive.executor;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.executor.plan.BoundedMap;
import dev.revive.executor.plan.StepRecorder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;

/**
 * Gives each step attempt a span in its plan's trace, under the run's span (current on the worker thread), and
 * records the attempt's events through {@code delegate} while that span is current, so that the step events carry
 * it. The span starts at STARTED and ends with the attempt's end; a DRY_RUN attempt (no STARTED) is a span that ends
 * at once. At most {@link StepDurations#CAPACITY} attempts are open at once: one whose end never comes (the plan
 * stopped) is forgotten in time and never exported.
 */
final class StepSpans implements StepRecorder {

    private final StepRecorder delegate;
    private final Tracing tracing;
    private final Map<String, Span> open = new BoundedMap<>(StepDurations.CAPACITY);

    StepSpans(StepRecorder delegate, Tracing tracing) {
        this.delegate = delegate;
        this.tracing = tracing;
    }

    @Override
    public void record(StepEvent event) {
        String attempt = event.planId() + "/" + event.stepId() + "/" + event.attempt();
        boolean started = event.status() == StepStatus.STARTED;
        Span span;
        synchronized (open) {
            span = started ? null : open.remove(attempt);
        }
        if (span == null) {
            span = tracing.startChild(Context.current(), "step " + event.stepId())
                    .setAttribute("revive.step.action", event.action().name())
                    .setAttribute("revive.step.attempt", event.attempt());
        }
        if (started) {
            synchronized (open) {
                open.put(attempt, span);
            }
        }
        try (Scope scope = span.makeCurrent()) {
            delegate.record(event);
        } finally {
            if (!started) {
                end(span, event.status());
            }
        }
    }

    private static void end(Span span, StepStatus status) {
        span.setAttribute("revive.step.status", status.name());
        if (status == StepStatus.FAILED || status == StepStatus.TIMED_OUT) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
