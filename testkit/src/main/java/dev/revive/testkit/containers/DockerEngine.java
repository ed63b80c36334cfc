package dev.revive.testkit.containers;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Docker Engine API the container tests use: {@code DOCKER_HOST} ({@code unix://} only) or
 * {@code /var/run/docker.sock}. A test that needs containers calls {@link #require()}: it answers the endpoint, or
 * fails with a message that says how to get an engine on a machine without Docker (podman's API service, started by
 * {@code scripts/ensure-docker-api}). Container tests never skip: in this project's CI an engine is always there.
 */
public final class DockerEngine {

    /** How to get an engine, for failure messages. */
    public static final String HOW_TO_GET_ONE = "run eval \"$(scripts/ensure-docker-api)\" in the repository (it "
            + "installs podman and serves its Docker API when no Docker engine runs), then run the tests again";

    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private DockerEngine() {
    }

    /**
     * The endpoint ({@code unix:///...}) of a Docker Engine API that answers {@code GET /_ping}.
     *
     * @throws IllegalStateException naming the endpoint tried and {@link #HOW_TO_GET_ONE} when none answers
     */
    public static String require() {
        String configured = System.getenv("DOCKER_HOST");
        Path socket;
        if (configured != null && !configured.isBlank()) {
            if (!configured.startsWith("unix://")) {
                throw new IllegalStateException("DOCKER_HOST=" + configured + " is not a unix:// socket; the "
                        + "container tests need one: " + HOW_TO_GET_ONE);
            }
            socket = Path.of(configured.substring("unix://".length()));
        } else {
            socket = DEFAULT_SOCKET;
        }
        String endpoint = "unix://" + socket;
        if (!Files.exists(socket)) {
            throw new IllegalStateException("no Docker Engine API: " + socket + " does not exist (DOCKER_HOST="
                    + configured + "); " + HOW_TO_GET_ONE);
        }
        String answer = ping(socket);
        if (!answer.startsWith("HTTP/1.1 200") && !answer.startsWith("HTTP/1.0 200")) {
            throw new IllegalStateException("the Docker Engine API at " + endpoint + " answered '" + firstLine(answer)
                    + "' to GET /_ping; " + HOW_TO_GET_ONE);
        }
        return endpoint;
    }

    private static String ping(Path socket) {
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer buffer = ByteBuffer.allocate(512);
                channel.read(buffer);
                return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException("no Docker Engine API answers on unix://" + socket + " (" + e
                        + "); " + HOW_TO_GET_ONE, e);
            }
        });
        try {
            return answer.get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IllegalStateException("the Docker Engine API on unix://" + socket + " did not answer GET /_ping "
                    + "within " + PING_TIMEOUT + "; " + HOW_TO_GET_ONE, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IllegalStateException cause ? cause
                    : new IllegalStateException("GET /_ping on unix://" + socket + " failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinging unix://" + socket, e);
        }
    }

    private static String firstLine(String answer) {
        int end = answer.indexOf('\r');
        return end < 0 ? answer : answer.substring(0, end);
    }
}
