package dev.revive.targets.generic;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.revive.contracts.cluster.CheckSpec;
import dev.revive.contracts.cluster.CheckSpec.Type;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.targets.kind.ProbeResult.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node asker against a local HTTP server, closed ports, a silent listener and real commands. */
class NodeAskerTest {

    /** Generous, so that a loaded machine never turns an answer into a timeout. */
    private final NodeAsker asker = new NodeAsker(Duration.ofSeconds(10));
    /** Short, for the checks that must time out. */
    private final NodeAsker impatient = new NodeAsker(Duration.ofMillis(300));
    private HttpServer http;

    @BeforeEach
    void startHttp() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/health", exchange -> reply(exchange, 200, "{\"health\":\"true\",\"raft\":{\"term\":7}}"));
        http.createContext("/down", exchange -> reply(exchange, 503, "{\"health\":\"false\"}"));
        http.start();
    }

    @AfterEach
    void stopHttp() {
        http.stop(0);
    }

    @Test
    void httpComparesTheJsonPointerFieldWithTheExpectation() {
        NodeAnswer healthy = asker.ask(node(http.getAddress().getPort()), httpCheck("/health", "/health", "true"));
        NodeAnswer term = asker.ask(node(http.getAddress().getPort()), httpCheck("/health", "/raft/term", "8"));

        assertThat(healthy.ok()).isTrue();
        assertThat(healthy.value()).isEqualTo("true");
        assertThat(term.answered()).isTrue();
        assertThat(term.matches()).isFalse();
        assertThat(term.describe()).isEqualTo("unexpected: 7");
    }

    @Test
    void httpWithAnotherStatusOrWithoutTheFieldIsFailed() {
        NodeAnswer down = asker.ask(node(http.getAddress().getPort()), httpCheck("/down", null, null));
        NodeAnswer missing = asker.ask(node(http.getAddress().getPort()), httpCheck("/health", "/nope", null));

        assertThat(down.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(down.detail()).contains("status 503, expected 200");
        assertThat(missing.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(missing.detail()).contains("no field /nope");
    }

    @Test
    void aClosedPortIsRefusedForEveryNetworkCheck() throws IOException {
        int closed = closedPort();

        assertThat(asker.ask(node(closed), httpCheck("/health", null, null)).outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(asker.ask(node(closed), check(Type.TCP, null, null, null, null)).outcome())
                .isEqualTo(Outcome.REFUSED);
        assertThat(asker.ask(node(closed), check(Type.FOUR_LETTER, "ruok", null, "imok", null)).outcome())
                .isEqualTo(Outcome.REFUSED);
    }

    @Test
    void aListenerThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            NodeAnswer answer = impatient.ask(node(silent.getLocalPort()), check(Type.FOUR_LETTER, "ruok", null, "imok",
                    null));

            assertThat(answer.outcome()).isEqualTo(Outcome.TIMEOUT);
        }
    }

    @Test
    void aCommandPassesOnItsExpectedExitCodeAndComparesItsOutput() {
        NodeAnswer echo = asker.ask(node(1), check(Type.COMMAND, null, null, "imok",
                List.of("/bin/echo", "imok")));
        NodeAnswer failing = asker.ask(node(1), check(Type.COMMAND, null, null, null, List.of("/bin/false")));

        assertThat(echo.ok()).isTrue();
        assertThat(failing.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failing.detail()).contains("exited with 1, expected 0");
    }

    @Test
    void aCommandThatOutlivesTheCallTimeoutIsKilledAndTimedOut() {
        NodeAnswer answer = impatient.ask(node(1), check(Type.COMMAND, null, null, null,
                List.of("/bin/sleep", "30")));

        assertThat(answer.outcome()).isEqualTo(Outcome.TIMEOUT);
    }

    private static CheckSpec httpCheck(String path, String field, String expect) {
        return new CheckSpec("http", Type.HTTP, null, path, null, null, field, expect, null, null, null, null, null);
    }

    private static CheckSpec check(Type type, String send, String field, String expect, List<String> command) {
        return new CheckSpec("c", type, null, null, null, send, field, expect, command, null, null, null, null);
    }

    private static NodeSpec node(int port) {
        ProcessControl control = new ProcessControl(List.of("/usr/bin/true"), null, Map.of(), "/tmp/n1.pid",
                "/tmp/n1.log", Duration.ofSeconds(1));
        return new NodeSpec("n1", NodeRole.MEMBER, new Endpoints("http://127.0.0.1:" + port, null), control,
                "/tmp/n1-data", List.of(), List.of());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
