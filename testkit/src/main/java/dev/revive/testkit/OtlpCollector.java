package dev.revive.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in OpenTelemetry collector on a free loopback port: it answers every OTLP/HTTP export to
 * {@code /v1/traces} with 200 and keeps the request bodies. It does not decode the protobuf: a trace id is 16 raw
 * bytes in it and a service name its UTF-8 text, so {@link #exported} finds both in one export request (one request
 * holds one service's spans).
 */
public final class OtlpCollector implements AutoCloseable {

    private final HttpServer server;
    private final List<byte[]> exports = new CopyOnWriteArrayList<>();

    private OtlpCollector(HttpServer server) {
        this.server = server;
    }

    /** Starts a collector on a free loopback port. */
    public static OtlpCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpCollector collector = new OtlpCollector(server);
            server.createContext("/v1/traces", exchange -> {
                try (exchange) {
                    collector.exports.add(exchange.getRequestBody().readAllBytes());
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OTLP collector", e);
        }
    }

    /** The base URL to give an exporter, e.g. {@code http://127.0.0.1:41234}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Whether one export request held {@code service}'s spans of the trace {@code traceId} (32 hex digits). */
    public boolean exported(String service, String traceId) {
        String trace = new String(HexFormat.of().parseHex(traceId), StandardCharsets.ISO_8859_1);
        String name = new String(service.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return exports.stream().map(body -> new String(body, StandardCharsets.ISO_8859_1))
                .anyMatch(body -> body.contains(trace) && body.contains(name));
    }

    /** How many export requests arrived. */
    public int exportCount() {
        return exports.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
