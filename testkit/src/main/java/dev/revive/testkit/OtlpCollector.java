package dev.revive.testkit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A stand-in OpenTelemetry collector on a free loopback port: it answers every OTLP/HTTP export to
 * {@code /v1/traces} with 200 and keeps the request bodies ({@link HttpRecorder}). It does not decode the protobuf: a
 * trace id is 16 raw bytes in it and a service name its UTF-8 text, so {@link #exported} finds both in one export
 * request (one request holds one service's spans).
 */
public final class OtlpCollector implements AutoCloseable {

    private static final String TRACES = "/v1/traces";

    private final HttpRecorder recorder;

    private OtlpCollector(HttpRecorder recorder) {
        this.recorder = recorder;
    }

    /** Starts a collector on a free loopback port. */
    public static OtlpCollector start() {
        return new OtlpCollector(HttpRecorder.start());
    }

    /** The base URL to give an exporter, e.g. {@code http://127.0.0.1:41234}. */
    public String endpoint() {
        return recorder.url("");
    }

    /** Whether one export request held {@code service}'s spans of the trace {@code traceId} (32 hex digits). */
    public boolean exported(String service, String traceId) {
        String trace = new String(HexFormat.of().parseHex(traceId), StandardCharsets.ISO_8859_1);
        String name = new String(service.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return recorder.requests(TRACES).stream().map(request -> new String(request.body(), StandardCharsets.ISO_8859_1))
                .anyMatch(body -> body.contains(trace) && body.contains(name));
    }

    @Override
    public void close() {
        recorder.close();
    }
}
