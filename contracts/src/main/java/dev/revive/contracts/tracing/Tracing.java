package dev.revive.contracts.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One service's part of Revive's traces: one trace per incident, from the fault through the plan and every step to
 * the report, carried from record to record in the W3C {@code traceparent} header.
 *
 * <p>A service starts a span where it takes up a record ({@link #continueFrom}) or where a trace begins (a fault the
 * detector found, {@link #startTrace}), makes it current while it writes, and {@code EventRecords} puts the current
 * span's context on every record it builds ({@link #injectCurrent}). Spans always get ids, so the trace travels even
 * when nothing is exported; they are exported only when {@link TracingSettings#otlpEndpoint()} names an OTLP/HTTP
 * collector (off by default).
 */
public final class Tracing implements AutoCloseable {

    /** The W3C trace-context header on Revive's records. */
    public static final String TRACEPARENT = "traceparent";

    private static final TextMapPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    private Tracing(SdkTracerProvider provider) {
        this.provider = provider;
        this.tracer = provider.get("dev.revive");
    }

    /** The tracing of {@code service} (e.g. {@code revive-executor}), exporting where {@code settings} say. */
    public static Tracing create(String service, TracingSettings settings) {
        SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, service))));
        settings.exporter().ifPresent(exporter -> builder.addSpanProcessor(BatchSpanProcessor.builder(exporter)
                .setScheduleDelay(settings.exportDelay().toMillis(), TimeUnit.MILLISECONDS).build()));
        return new Tracing(builder.build());
    }

    /**
     * The tracing of {@code service} as its configuration ({@code revive.tracing.*}, read through {@code property},
     * e.g. MicroProfile Config's {@code getOptionalValue}) asks for; see {@link TracingSettings#from}.
     */
    public static Tracing configured(String service, Function<String, Optional<String>> property) {
        return create(service, TracingSettings.from(property));
    }

    /** Tracing whose spans carry ids from record to record but are exported nowhere (the default). */
    public static Tracing withoutExport(String service) {
        return create(service, TracingSettings.OFF);
    }

    /** A new trace: its root span, started now. */
    public Span startTrace(String name) {
        return start(Context.root(), name, SpanKind.PRODUCER);
    }

    /**
     * A span of the trace whose context {@code headers} carry, started now; the root of a new trace when they carry
     * none or a malformed one (a record from a plain producer, or one written before tracing).
     */
    public Span continueFrom(Headers headers, String name) {
        return start(contextOf(headers), name, SpanKind.CONSUMER);
    }

    /** A span under {@code parent} (a new trace when it holds no span), started now. */
    public Span startChild(Context parent, String name) {
        return start(parent, name, SpanKind.INTERNAL);
    }

    private Span start(Context parent, String name, SpanKind kind) {
        return tracer.spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan();
    }

    /** The context {@code headers} carry in {@code traceparent}, or the root context when they carry none. */
    public static Context contextOf(Headers headers) {
        return headers == null ? Context.root() : PROPAGATOR.extract(Context.root(), headers, HEADERS);
    }

    /** The context a stored {@code traceparent} value names, or the root context when it is null or malformed. */
    public static Context contextOf(String traceparent) {
        return traceparent == null ? Context.root()
                : PROPAGATOR.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP);
    }

    /** The {@code traceparent} value of {@code span}, for keeping it beside state; empty when the span has no ids. */
    public static Optional<String> traceparentOf(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return Optional.empty();
        }
        return Optional.of("00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex());
    }

    /** Puts the current span's context on {@code headers}, replacing an earlier one; nothing when no span is current. */
    public static Headers injectCurrent(Headers headers) {
        if (Span.current().getSpanContext().isValid()) {
            headers.remove(TRACEPARENT);
            headers.remove("tracestate");
            PROPAGATOR.inject(Context.current(), headers, HEADERS_SETTER);
        }
        return headers;
    }

    /** The trace id in the {@code traceparent} header of {@code headers}, when there is a valid one. */
    public static Optional<String> traceId(Headers headers) {
        SpanContext context = Span.fromContext(contextOf(headers)).getSpanContext();
        return context.isValid() ? Optional.of(context.getTraceId()) : Optional.empty();
    }

    /** Exports what is left and stops exporting (bounded). */
    @Override
    public void close() {
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            return StreamSupport.stream(carrier.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapSetter<Headers> HEADERS_SETTER = (carrier, key, value) -> {
        if (carrier != null) {
            carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return List.copyOf(carrier.keySet());
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
}
