package dev.revive.planner;

import dev.revive.testkit.TestSigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One planner instance run from the built jar ({@code target/quarkus-app/quarkus-run.jar}) as a child process, the
 * way an operator runs several: its own HTTP port, {@code application.server} and state dir, the shared application
 * id and API token (from the environment, never on the command line).
 */
final class PlannerInstance implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;

    private PlannerInstance(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Starts an instance of {@code applicationId} against {@code bootstrapServers} on a free port. */
    static PlannerInstance start(String name, String applicationId, String bootstrapServers, String token) {
        try {
            int port = freePort();
            Path dir = Files.createDirectories(Path.of("target", "scale-out", applicationId, name));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(List.of(java,
                    "-Dkafka.bootstrap.servers=" + bootstrapServers,
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.kafka-streams.application-id=" + applicationId,
                    "-Dquarkus.kafka-streams.application-server=localhost:" + port,
                    "-Dkafka-streams.state.dir=" + dir.resolve("state").toAbsolutePath(),
                    "-Drevive.trust.public-keys=" + TestSigningKey.PUBLIC_KEY,
                    "-jar", JAR.toAbsolutePath().toString()));
            builder.environment().put("REVIVE_PLANNER_API_TOKEN", token);
            builder.redirectErrorStream(true).redirectOutput(dir.resolve("planner.log").toFile());
            return new PlannerInstance(name, port, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address it advertises as {@code application.server}, as the answered-by header names it. */
    String address() {
        return "localhost:" + port;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** True once {@code /q/health/ready} answers 200 (the topology is RUNNING). */
    boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kill -9}: the instance leaves no goodbye, its partitions move after the group session times out. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public String toString() {
        return name + "@" + address();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
