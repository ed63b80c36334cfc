package dev.revive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.revive.contracts.trust.DetachedSignature;
import dev.revive.contracts.trust.SignCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's output and exit codes against a fake planner and detector (a JDK HTTP server), no Kafka. */
class ReviveCommandTest {

    private static final String TOKEN = "right-token";

    @TempDir
    Path dir;
    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startFakeServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                bodies.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            String path = exchange.getRequestURI().getPath();
            int status;
            String answer;
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                answer = "{\"title\":\"Unauthorized\",\"detail\":\"a valid bearer token is required\"}";
            } else if (path.equals("/plans/plan-1/approve")) {
                status = 202;
                answer = "{\"decisionId\":\"dec-9\",\"planId\":\"plan-1\"}";
            } else if (path.equals("/plans/plan-1")) {
                status = 200;
                answer = "{\"planId\":\"plan-1\",\"current\":true,\"clusterId\":\"c1\",\"incidentId\":\"inc-1\","
                        + "\"state\":\"AWAITING_APPROVAL\",\"currentPlanId\":\"plan-1\",\"mode\":\"APPROVAL_REQUIRED\","
                        + "\"targetNodeId\":\"n2\",\"faultIds\":[\"f-1\"],\"note\":\"policy\"}";
            } else if (path.equals("/clusters")) {
                // one answer for both: the detector reads id/kind/nodes, the planner clusterId/openNodes/incident
                status = 200;
                answer = "[{\"id\":\"c1\",\"kind\":\"ETCD\",\"nodes\":[\"n1\",\"n2\"],"
                        + "\"clusterId\":\"c1\",\"registered\":true,\"openNodes\":[\"n2\"],\"incident\":null}]";
            } else {
                status = 404;
                answer = "{\"title\":\"Not Found\",\"detail\":\"unknown plan\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void helpExitsZeroWithExamplesAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Examples:", "revive approve", "Exit codes", "completion");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("bogus")).isEqualTo(Exit.USAGE);
        assertThat(err.toString()).contains("bogus");
    }

    @Test
    void approveWithoutAReasonIsAUsageError() {
        assertThat(run("approve", "plan-1", "--planner", url(), "--token-file", tokenFile(TOKEN).toString()))
                .isEqualTo(Exit.USAGE);
    }

    @Test
    void approvePostsWhoAndWhyAndPrintsTheDecision() {
        int code = run("approve", "plan-1", "--reason", "disk cleaned", "--by", "alice", "--planner", url(),
                "--token-file", tokenFile(TOKEN).toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("approved plan-1", "dec-9");
        assertThat(bodies).anySatisfy(body -> assertThat(body)
                .contains("\"by\":\"alice\"", "\"reason\":\"disk cleaned\"", "\"dryRun\":false"));
    }

    @Test
    void dryRunApprovesAsADryRun() {
        assertThat(run("dry-run", "plan-1", "--reason", "look", "--planner", url(), "--token-file",
                tokenFile(TOKEN).toString())).isZero();
        assertThat(bodies).anySatisfy(body -> assertThat(body).contains("\"dryRun\":true"));
    }

    @Test
    void aWrongTokenExitsWithFourAndSaysWhy() {
        int code = run("plan", "show", "plan-1", "--planner", url(), "--token-file", tokenFile("wrong").toString());

        assertThat(code).isEqualTo(Exit.REFUSED);
        assertThat(err.toString()).contains("401", "bearer token");
    }

    @Test
    void anUnknownPlanExitsWithOne() {
        assertThat(run("plan", "show", "plan-404", "--planner", url(), "--token-file", tokenFile(TOKEN).toString()))
                .isEqualTo(Exit.FAILED);
        assertThat(err.toString()).contains("404");
    }

    @Test
    void anUnreachablePlannerExitsWithThree() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        assertThat(run("plan", "show", "plan-1", "--planner", "http://127.0.0.1:" + port, "--token-file",
                tokenFile(TOKEN).toString())).isEqualTo(Exit.UNREACHABLE);
    }

    @Test
    void planShowPrintsTheIncidentOrItsJson() {
        assertThat(run("plan", "show", "plan-1", "--planner", url(), "--token-file", tokenFile(TOKEN).toString()))
                .isZero();
        assertThat(out.toString()).contains("AWAITING_APPROVAL", "inc-1", "n2");
        out.reset();

        assertThat(run("plan", "show", "plan-1", "--json", "--planner", url(), "--token-file",
                tokenFile(TOKEN).toString())).isZero();
        assertThat(out.toString()).contains("\"state\" : \"AWAITING_APPROVAL\"");
    }

    @Test
    void clustersShowEachMemberHealth() {
        assertThat(run("clusters", "--planner", url(), "--detector", url(), "--token-file",
                tokenFile(TOKEN).toString())).isZero();
        assertThat(out.toString()).contains("c1", "n1=ok", "n2=fault");
    }

    @Test
    void signWritesADetachedSignatureThatVerifies() throws IOException {
        Path spec = dir.resolve("etcd-3.yaml");
        try (InputStream example = getClass().getResourceAsStream("/examples/etcd-3.yaml")) {
            Files.write(spec, example.readAllBytes());
        }
        SignCommand.keygen(dir.resolve("keys"));

        int code = run("sign", "-f", spec.toString(), "--key", dir.resolve("keys").resolve(SignCommand.PRIVATE_FILE)
                .toString());

        assertThat(code).isZero();
        assertThat(DetachedSignature.read(spec)).isPresent();
        assertThat(out.toString()).contains("signed");
    }

    @Test
    void applyOfAnInvalidSpecFailsBeforeTouchingKafka() throws IOException {
        Path spec = Files.writeString(dir.resolve("bad.yaml"), "id: \"no spaces allowed\"\nkind: ETCD\n");

        assertThat(run("apply", "-f", spec.toString(), "--bootstrap", "127.0.0.1:1")).isEqualTo(Exit.FAILED);
        assertThat(err.toString()).contains("invalid spec");
    }

    @Test
    void completionPrintsABashScript() {
        assertThat(run("completion")).isZero();
        assertThat(out.toString()).contains("complete", "revive");
    }

    private int run(String... args) {
        return Revive.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private Path tokenFile(String token) {
        try {
            return Files.writeString(dir.resolve("token-" + token), token + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
