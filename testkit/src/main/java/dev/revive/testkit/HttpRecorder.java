package dev.revive.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP receiver on a free loopback port (the JDK's {@code HttpServer}) that answers every request 200 and keeps
 * it: what a system under test posts to a webhook, an OTLP collector, and the like.
 */
public final class HttpRecorder implements AutoCloseable {

    /**
     * One request as it arrived.
     *
     * @param method  e.g. {@code POST}
     * @param path    the request path, e.g. {@code /hooks/ops}
     * @param headers the first value of each header, by lower-case name
     * @param body    the body's bytes
     */
    public record Request(String method, String path, Map<String, String> headers, byte[] body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private HttpRecorder(HttpServer server) {
        this.server = server;
    }

    /** Starts a recorder on a free loopback port. */
    public static HttpRecorder start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            HttpRecorder recorder = new HttpRecorder(server);
            server.createContext("/", exchange -> {
                try (exchange) {
                    Map<String, String> headers = new TreeMap<>();
                    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                            values.isEmpty() ? "" : values.get(0)));
                    recorder.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                            Map.copyOf(headers), exchange.getRequestBody().readAllBytes()));
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
            return recorder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the HTTP recorder", e);
        }
    }

    /** The URL of {@code path} on this recorder, e.g. {@code http://127.0.0.1:41234/hooks/ops}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The requests to {@code path} so far, in arrival order. */
    public List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
