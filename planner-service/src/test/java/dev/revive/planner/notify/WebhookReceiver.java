package dev.revive.planner.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP receiver of webhooks on a free loopback port (the JDK's {@code HttpServer}): it answers the scripted
 * statuses in order to the requests about one incident, 200 otherwise, and keeps every request it got.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request: its notification id header, its Authorization header (or null), its JSON body, the answer. */
    record Request(String notificationId, String authorization, String contentType, JsonNode body, int answered) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration LONGEST_HOLD = Duration.ofSeconds(60);

    private final HttpServer server;
    private final String scriptedIncident;
    private final Deque<Integer> script;
    private final CountDownLatch release;
    private final AtomicInteger arrived = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server, String scriptedIncident, Deque<Integer> script,
            CountDownLatch release) {
        this.server = server;
        this.scriptedIncident = scriptedIncident;
        this.script = script;
        this.release = release;
    }

    /** A receiver that answers 200 to every request. */
    static WebhookReceiver start() throws IOException {
        return start(null, null);
    }

    /** A receiver that answers {@code statuses} to its first requests about {@code incidentId}, then 200. */
    static WebhookReceiver answering(String incidentId, Integer... statuses) throws IOException {
        return start(incidentId, null, statuses);
    }

    /** A receiver that holds its first request without an answer until {@link #release()}, then answers 200. */
    static WebhookReceiver holdingTheFirstRequest() throws IOException {
        return start(null, new CountDownLatch(1));
    }

    private static WebhookReceiver start(String scriptedIncident, CountDownLatch release, Integer... statuses)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server, scriptedIncident, new ArrayDeque<>(List.of(statuses)),
                release);
        server.createContext("/", receiver::answer);
        server.start();
        return receiver;
    }

    /** How many requests arrived, answered or not. */
    int arrived() {
        return arrived.get();
    }

    /** Lets a held first request be answered. */
    void release() {
        release.countDown();
    }

    /** Its URL with {@code path} (and whatever query), e.g. {@code /services/T0/B0/secret}. */
    URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests that carried the notification {@code id}. */
    List<Request> requestsFor(String id) {
        return requests.stream().filter(request -> id.equals(request.notificationId())).toList();
    }

    /** The bodies of the requests answered 2xx whose notification concerns {@code incidentId}, in order. */
    List<JsonNode> deliveredOf(String incidentId) {
        return requests.stream().filter(request -> request.answered() / 100 == 2)
                .filter(request -> request.notificationId() != null
                        && request.notificationId().startsWith(incidentId + "/"))
                .map(Request::body).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(in.readAllBytes());
            if (arrived.incrementAndGet() == 1 && release != null) {
                await(release);
            }
            String id = exchange.getRequestHeaders().getFirst(WebhookSender.ID_HEADER);
            int status = 200;
            if (id != null && id.startsWith(scriptedIncident + "/")) {
                synchronized (script) {
                    status = script.isEmpty() ? 200 : script.poll();
                }
            }
            requests.add(new Request(id,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
