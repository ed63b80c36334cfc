package dev.revive.contracts.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TracingTest {

    @Test
    void aRecordWrittenUnderASpanCarriesItsTraceAndTheReaderContinuesIt() {
        try (Tracing writer = Tracing.withoutExport("writer"); Tracing reader = Tracing.withoutExport("reader")) {
            Span root = writer.startTrace("fault");
            Headers headers = new RecordHeaders();
            try (Scope scope = root.makeCurrent()) {
                Tracing.injectCurrent(headers);
            } finally {
                root.end();
            }

            Span continued = reader.continueFrom(headers, "plan");
            continued.end();

            assertThat(Tracing.traceId(headers)).contains(root.getSpanContext().getTraceId());
            assertThat(continued.getSpanContext().getTraceId()).isEqualTo(root.getSpanContext().getTraceId());
            assertThat(continued.getSpanContext().getSpanId()).isNotEqualTo(root.getSpanContext().getSpanId());
        }
    }

    @Test
    void nothingIsInjectedWhenNoSpanIsCurrentAndAMissingOrMalformedParentStartsANewTrace() {
        try (Tracing tracing = Tracing.withoutExport("reader")) {
            Headers headers = Tracing.injectCurrent(new RecordHeaders());
            assertThat(headers.lastHeader(Tracing.TRACEPARENT)).isNull();

            headers.add(Tracing.TRACEPARENT, "00-not-a-trace".getBytes(StandardCharsets.UTF_8));
            Span span = tracing.continueFrom(headers, "plan");
            span.end();

            assertThat(Tracing.traceId(headers)).isEmpty();
            assertThat(span.getSpanContext().isValid()).isTrue();
        }
    }

    @Test
    void aStoredTraceparentNamesTheSameTraceAndInjectionReplacesAnEarlierHeader() {
        try (Tracing tracing = Tracing.withoutExport("planner")) {
            Span incident = tracing.startTrace("incident");
            incident.end();
            String stored = Tracing.traceparentOf(incident).orElseThrow();
            Span plan = tracing.startChild(Tracing.contextOf(stored), "plan");
            Headers headers = new RecordHeaders();
            headers.add(Tracing.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
                    .getBytes(StandardCharsets.UTF_8));
            try (Scope scope = plan.makeCurrent()) {
                Tracing.injectCurrent(headers);
            } finally {
                plan.end();
            }

            assertThat(headers.headers(Tracing.TRACEPARENT)).hasSize(1);
            assertThat(Tracing.traceId(headers)).contains(incident.getSpanContext().getTraceId());
        }
    }

    @Test
    void spansAreExportedToTheConfiguredOtlpCollectorWithTheServiceName() throws IOException {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
            Map<String, String> config = Map.of(TracingSettings.ENDPOINT, endpoint,
                    TracingSettings.HEADERS, "Authorization=Bearer collector-secret");
            String traceId;
            try (Tracing tracing = Tracing.create("revive-test-service",
                    TracingSettings.from(name -> Optional.ofNullable(config.get(name))))) {
                Span span = tracing.startTrace("fault");
                traceId = span.getSpanContext().getTraceId();
                span.end();
            } // close() exports what is left

            // OTLP is protobuf: the trace id is its 16 raw bytes, the service name its text
            assertThat(bodies).anySatisfy(body -> assertThat(new String(body, StandardCharsets.ISO_8859_1))
                    .contains(new String(HexFormat.of().parseHex(traceId), StandardCharsets.ISO_8859_1))
                    .contains("revive-test-service"));
            assertThat(authorizations).contains("Bearer collector-secret");
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void settingsNameTheBadPropertyAndNeverEchoAHeaderValue() {
        assertThatThrownBy(() -> TracingSettings.from(name -> name.equals(TracingSettings.ENDPOINT)
                ? Optional.of("ftp://collector") : Optional.empty()))
                .hasMessageContaining(TracingSettings.ENDPOINT);
        assertThatThrownBy(() -> TracingSettings.from(name -> name.equals(TracingSettings.HEADERS)
                ? Optional.of("Bearer s3cret-token") : Optional.empty()))
                .hasMessageContaining(TracingSettings.HEADERS).hasMessageNotContaining("s3cret");
        assertThat(TracingSettings.from(name -> name.equals(TracingSettings.ENDPOINT)
                ? Optional.of("http://collector:4318") : Optional.empty()).otlpEndpoint())
                .contains(URI.create("http://collector:4318/v1/traces"));
        assertThat(TracingSettings.from(name -> name.equals(TracingSettings.DELAY)
                ? Optional.of("500ms") : Optional.empty()).exportDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(TracingSettings.from(name -> Optional.empty()).otlpEndpoint()).isEmpty();
    }
}
