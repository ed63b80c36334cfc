package dev.revive.contracts.tracing;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a service's spans go: an OTLP/HTTP collector ({@code revive.tracing.otlp-endpoint}), or nowhere (the default).
 *
 * @param otlpEndpoint the collector's traces URL; one without a path gets OTLP's {@code /v1/traces}; empty: no export
 * @param otlpHeaders  headers sent with every export (a collector's credentials)
 * @param exportDelay  how long finished spans wait to be exported together
 */
public record TracingSettings(Optional<URI> otlpEndpoint, Map<String, String> otlpHeaders, Duration exportDelay) {

    /** The property naming the collector, e.g. {@code http://otel-collector:4318}. */
    public static final String ENDPOINT = "revive.tracing.otlp-endpoint";
    /** The property with the export headers, {@code key=value} pairs separated by commas (as OTEL's own variable). */
    public static final String HEADERS = "revive.tracing.otlp-headers";
    /** The property with the export delay: {@code 5s}, {@code 500ms}, an ISO-8601 duration or milliseconds. */
    public static final String DELAY = "revive.tracing.export-delay";

    /** No export. */
    public static final TracingSettings OFF = new TracingSettings(Optional.empty(), Map.of(), Duration.ofSeconds(5));

    public TracingSettings {
        otlpEndpoint = otlpEndpoint.map(TracingSettings::tracesUrl);
        otlpHeaders = Map.copyOf(otlpHeaders);
        if (exportDelay.isNegative() || exportDelay.isZero()) {
            throw new IllegalArgumentException(DELAY + " must be positive, not " + exportDelay);
        }
    }

    /**
     * The settings in a service's configuration, read through {@code property} (e.g. MicroProfile Config's
     * {@code getOptionalValue}); a malformed value fails with a message naming its property.
     */
    public static TracingSettings from(Function<String, Optional<String>> property) {
        Optional<URI> endpoint = property.apply(ENDPOINT).filter(value -> !value.isBlank()).map(TracingSettings::uri);
        Map<String, String> headers = property.apply(HEADERS).map(TracingSettings::headers).orElse(Map.of());
        Duration delay = property.apply(DELAY).map(TracingSettings::duration).orElse(OFF.exportDelay());
        return new TracingSettings(endpoint, headers, delay);
    }

    /** The exporter these settings ask for, if any. */
    Optional<SpanExporter> exporter() {
        return otlpEndpoint.map(endpoint -> {
            OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder().setEndpoint(endpoint.toString())
                    .setTimeout(Duration.ofSeconds(10));
            otlpHeaders.forEach(builder::addHeader);
            return builder.build();
        });
    }

    private static URI uri(String value) {
        try {
            URI uri = URI.create(value.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENDPOINT + " '" + value + "': " + e.getMessage(), e);
        }
    }

    private static URI tracesUrl(URI endpoint) {
        String path = endpoint.getPath();
        return path == null || path.isEmpty() || "/".equals(path) ? endpoint.resolve("/v1/traces") : endpoint;
    }

    private static Map<String, String> headers(String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] pairs = value.split(",");
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                // never echo the entry: it may be a credential
                throw new IllegalArgumentException(HEADERS + ": entry " + (i + 1) + " is not key=value");
            }
            headers.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return headers;
    }

    private static Duration duration(String value) {
        String text = value.trim();
        try {
            if (text.startsWith("P")) {
                return Duration.parse(text);
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(text));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(DELAY + " '" + value + "' is not a duration (5s, 500ms, PT5S)", e);
        }
    }
}
