package dev.revive.e2e;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.revive.testkit.FreePorts;
import dev.revive.testkit.containers.DockerEngine;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository's own {@code docker-compose.yml}, brought up by {@code scripts/compose-up} (local images: the
 * services on the Debian base, the Kafka and etcd stand-ins) under a project name of its own and free host ports, and
 * taken down with {@code docker-compose down -v}. Every command is an argument list; the output of each goes to a
 * log file in the run directory.
 */
final class ComposeStack implements AutoCloseable {

    /** How long building the images (a first debootstrap included) and starting every service may take. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(5);
    private static final String PROJECT_LABEL = "com.docker.compose.project";

    private final Path root;
    private final Path runDir;
    private final String project;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final DockerClient docker;
    private final int kafkaPort;

    private ComposeStack(Path root, Path runDir, String project, String endpoint) throws IOException {
        this.root = root;
        this.runDir = runDir;
        this.project = project;
        int[] ports = FreePorts.allocate(5);
        this.kafkaPort = ports[0];
        environment.put("COMPOSE_PROJECT_NAME", project);
        environment.put("REVIVE_KAFKA_PORT", Integer.toString(kafkaPort));
        environment.put("REVIVE_DETECTOR_PORT", Integer.toString(ports[1]));
        environment.put("REVIVE_PLANNER_PORT", Integer.toString(ports[2]));
        environment.put("REVIVE_EXECUTOR_PORT", Integer.toString(ports[3]));
        environment.put("REVIVE_VERIFIER_PORT", Integer.toString(ports[4]));
        environment.put("DOCKER_HOST", endpoint);
        docker = DockerClientImpl.getInstance(DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint).build(), new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(endpoint)).connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(30)).build());
    }

    /** Builds the images and brings the compose file up; returns once every service is healthy. */
    static ComposeStack up(Path root, Path runDir, String project) throws IOException, InterruptedException {
        ComposeStack stack = new ComposeStack(root, runDir, project, DockerEngine.require());
        stack.run("compose-up", List.of(root.resolve("scripts/compose-up").toString()), UP_TIMEOUT);
        return stack;
    }

    /** The compose Kafka as clients on this host reach it. */
    String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    DockerClient docker() {
        return docker;
    }

    /** The containers, networks and volumes of this project that the engine still has, by name. */
    List<String> leftovers() {
        List<String> left = new ArrayList<>();
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(PROJECT_LABEL, project)).exec().stream()
                .map(Container::getNames).map(names -> "container " + String.join(",", names)).forEach(left::add);
        docker.listNetworksCmd().exec().stream().map(Network::getName).filter(name -> name.startsWith(project + "_"))
                .map(name -> "network " + name).forEach(left::add);
        var volumes = docker.listVolumesCmd().exec().getVolumes();
        if (volumes != null) {
            volumes.stream().map(volume -> volume.getName()).filter(name -> name.startsWith(project + "_"))
                    .map(name -> "volume " + name).forEach(left::add);
        }
        return left;
    }

    /** Saves every service's log to the run directory (for a failed test). */
    void saveLogs() throws IOException, InterruptedException {
        run("compose-logs", List.of("docker-compose", "logs", "--no-color", "--timestamps"), DOWN_TIMEOUT);
    }

    /** {@code docker-compose down -v}: removes the project's containers, network and volumes. */
    void down() throws IOException, InterruptedException {
        run("compose-down", List.of("docker-compose", "down", "-v", "--timeout", "5"), DOWN_TIMEOUT);
    }

    /** Closes the Engine API client; {@link #down} is separate, so that what it left can be asked afterwards. */
    @Override
    public void close() throws IOException {
        docker.close();
    }

    private void run(String name, List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path log = runDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout
                    + "; its output: " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                    + "); its output: " + log);
        }
    }

    /** Waits until {@code container} runs. */
    void awaitRunning(String container, Duration timeout) {
        await().atMost(timeout).until(() -> Boolean.TRUE.equals(
                docker.inspectContainerCmd(container).exec().getState().getRunning()));
    }
}
