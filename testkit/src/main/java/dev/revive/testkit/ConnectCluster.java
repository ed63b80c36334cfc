package dev.revive.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka Connect cluster in distributed mode: N workers, each a {@code ConnectDistributed} JVM (classpath
 * from {@code dev.revive.runtimes.JvmSystems}, the file connectors included) with REST on a free loopback port,
 * one group id and its own config, offset and status topics in the Kafka cluster at the given bootstrap servers.
 * Keys and values are strings, so a file connector's records are the file's lines. Workers log through
 * slf4j-simple to their log file, each line stamped with an ISO-8601 time and offset.
 *
 * <p>{@link #close()} (and a JVM shutdown hook) kills every process whose arguments mention the cluster's directory,
 * including workers restarted by other processes, and deletes the directory. The topics stay in Kafka.
 */
public final class ConnectCluster implements AutoCloseable {

    /** How long {@link #start} waits for every worker to be ready. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** How long the REST helpers keep retrying (a rebalance answers 409 for a while). */
    public static final Duration REST_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectCluster.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How to start a cluster.
     *
     * @param workers           how many workers (2 or 3 in tests)
     * @param bootstrapServers  the Kafka cluster the workers coordinate through and write to
     * @param replicationFactor of the config, offset and status topics (1 on a single broker, 3 on three)
     * @param rebalanceDelay    {@code scheduled.rebalance.max.delay.ms}: how long the group waits for a departed
     *                          worker before its tasks move
     */
    public record Settings(int workers, String bootstrapServers, short replicationFactor, Duration rebalanceDelay) {

        public Settings {
            if (workers < 1) {
                throw new IllegalArgumentException("a Connect cluster needs at least one worker, got " + workers);
            }
        }

        /** {@code workers} workers over {@code bootstrapServers}, a rebalance delay of 3 s. */
        public static Settings of(int workers, String bootstrapServers, int replicationFactor) {
            return new Settings(workers, bootstrapServers, (short) replicationFactor, Duration.ofSeconds(3));
        }
    }

    private final ProcessGroup<ConnectWorker> group;
    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
    private volatile Duration startedIn = Duration.ZERO;

    private ConnectCluster(ProcessGroup<ConnectWorker> group, Settings settings) {
        this.group = group;
        this.settings = settings;
    }

    /**
     * Starts the workers and waits until each one's {@code GET /health} answers 200 (it joined the group).
     *
     * @throws IllegalStateException when they are not ready within {@link #START_TIMEOUT}; nothing is left behind
     */
    public static ConnectCluster start(Settings settings) {
        ConnectCluster cluster = new ConnectCluster(ProcessGroup.open("revive-connect-",
            directory -> ConnectConfigs.workers(settings, directory), POLL_INTERVAL, "connect-cluster-cleanup"),
            settings);
        cluster.startedIn = cluster.group.launchAll(() -> cluster.awaitReady(START_TIMEOUT));
        LOG.info("Connect cluster of {} ready in {} ms: {}", settings.workers(), cluster.startedIn.toMillis(),
            cluster.workers());
        return cluster;
    }

    /** How long the start took, from launch to every worker ready. */
    public Duration startedIn() {
        return startedIn;
    }

    /** The settings it was started with. */
    public Settings settings() {
        return settings;
    }

    /** The directory holding every worker's directory, properties and log. */
    public Path directory() {
        return group.directory();
    }

    /** All workers, in index order. */
    public List<ConnectWorker> workers() {
        return group.nodes();
    }

    /** The worker at {@code index} (0-based). */
    public ConnectWorker worker(int index) {
        return group.nodes().get(index);
    }

    /** Waits until every running worker answers {@code GET /health} with 200. */
    public void awaitReady(Duration timeout) {
        group.awaitNone(timeout, () -> group.runningFailing(worker -> status(worker, "/health") == 200),
            "Connect workers not ready");
    }

    /** Kills the worker with SIGKILL and waits until its processes have exited. */
    public void kill(ConnectWorker worker) {
        group.kill(worker);
    }

    /** Stops the worker with SIGTERM (SIGKILL after 10 s). */
    public void stop(ConnectWorker worker) {
        group.stop(worker);
    }

    /** Starts a stopped worker again with its {@link ConnectWorker#command()}; returns once the process runs. */
    public void restart(ConnectWorker worker) {
        group.restart(worker);
    }

    /**
     * Makes the worker unable to start, as a botched config push would: its properties file becomes unreadable
     * ({@link LineSource#makeUnreadable}, a link to itself, which stops root too), so every start of its
     * {@link ConnectWorker#command()}, by testkit or by anyone else, exits with an error after a second or so. A
     * running worker keeps running. {@link #allowStart} undoes it.
     */
    public void preventStart(ConnectWorker worker) {
        LineSource.makeUnreadable(worker.propertiesFile());
        LOG.info("Connect worker {} cannot start: {} is unreadable", worker.name(), worker.propertiesFile());
    }

    /** Undoes {@link #preventStart}: the worker's properties file is readable again; starts nothing. */
    public void allowStart(ConnectWorker worker) {
        LineSource.makeReadable(worker.propertiesFile());
        LOG.info("Connect worker {} can start again", worker.name());
    }

    /** Whether {@link #preventStart} holds for the worker (its properties file is the unreadable link). */
    public boolean startPrevented(ConnectWorker worker) {
        return Files.isSymbolicLink(worker.propertiesFile());
    }

    /** Freezes the worker with SIGSTOP: the process runs but answers nothing. */
    public void pause(ConnectWorker worker) {
        signal(worker, "STOP");
    }

    /** Thaws a worker frozen by {@link #pause}, with SIGCONT. */
    public void resume(ConnectWorker worker) {
        signal(worker, "CONT");
    }

    /** Creates (or updates) a FileStreamSource connector reading {@code file} into {@code topic}, one task. */
    public void createFileSource(String name, Path file, String topic) {
        putConfig(name, Map.of("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector",
            "tasks.max", "1", "file", file.toString(), "topic", topic));
    }

    /** Creates (or updates) a FileStreamSink connector writing {@code topic} into {@code file}, one task. */
    public void createFileSink(String name, String topic, Path file) {
        putConfig(name, Map.of("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector",
            "tasks.max", "1", "file", file.toString(), "topics", topic));
    }

    /** Deletes the connector ({@code DELETE /connectors/{name}}); a connector that is gone already is fine. */
    public void deleteConnector(String name) {
        awaitCondition(() -> {
            ConnectWorker worker = anyWorker();
            int code = send(worker, HttpRequest.newBuilder(uri(worker, "/connectors/" + name)).DELETE());
            return code == 204 || code == 200 || code == 404;
        }, "connector " + name + " not deleted");
    }

    /** Waits until the connector and each of its tasks (at least one) are RUNNING. */
    public void awaitRunning(String connector) {
        awaitTaskState(connector, "RUNNING");
        awaitCondition(() -> connectorState(connector).filter("RUNNING"::equals).isPresent(),
            connector + " not RUNNING");
    }

    /** Waits until every task of the connector (at least one) is in {@code state}, e.g. FAILED. */
    public void awaitTaskState(String connector, String state) {
        awaitCondition(() -> {
            List<String> states = taskStates(connector);
            return !states.isEmpty() && states.stream().allMatch(state::equals);
        }, "tasks of " + connector + " not " + state);
    }

    /** The states of the connector's tasks, in task order; empty when it has none or no worker answers. */
    public List<String> taskStates(String connector) {
        List<String> states = new ArrayList<>();
        statusOf(connector).ifPresent(status -> status.path("tasks").forEach(task -> states.add(
            task.path("state").asText())));
        return states;
    }

    /** The worker that runs task {@code task} of {@code connector} right now, if one does. */
    public Optional<ConnectWorker> workerOf(String connector, int task) {
        return statusOf(connector).flatMap(status -> {
            for (JsonNode node : status.path("tasks")) {
                if (node.path("id").asInt(-1) == task) {
                    String workerId = node.path("worker_id").asText();
                    return workers().stream().filter(worker -> worker.workerId().equals(workerId)).findFirst();
                }
            }
            return Optional.empty();
        });
    }

    /**
     * Restarts one task through {@code POST /connectors/{name}/tasks/{task}/restart}: for fault injection (a task
     * restarted while its source file is unreadable fails).
     */
    public void restartTask(String connector, int task) {
        awaitCondition(() -> {
            int code = send(anyWorker(), HttpRequest.newBuilder(uri(anyWorker(),
                "/connectors/" + connector + "/tasks/" + task + "/restart")).POST(HttpRequest.BodyPublishers.noBody()));
            return code == 204 || code == 200 || code == 202;
        }, "task " + task + " of " + connector + " not restarted");
    }

    /** Kills every process of the cluster, wherever it was started, and deletes the directory. */
    @Override
    public void close() {
        group.close();
    }

    @Override
    public String toString() {
        return "ConnectCluster" + workers();
    }

    private Optional<String> connectorState(String connector) {
        return statusOf(connector).map(status -> status.path("connector").path("state").asText());
    }

    private Optional<JsonNode> statusOf(String connector) {
        for (ConnectWorker worker : workers()) {
            if (!worker.isAlive()) {
                continue;
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(worker,
                    "/connectors/" + connector + "/status")).timeout(CALL_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return Optional.of(JSON.readTree(response.body()));
                }
            } catch (IOException e) {
                LOG.debug("{} did not answer the status of {}: {}", worker, connector, e.toString());
            } catch (InterruptedException e) {
                throw Interrupts.propagate("interrupted while reading the status of " + connector, e);
            }
        }
        return Optional.empty();
    }

    private void putConfig(String name, Map<String, String> config) {
        String body;
        try {
            body = JSON.writeValueAsString(new LinkedHashMap<>(config));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the config of " + name, e);
        }
        awaitCondition(() -> {
            ConnectWorker worker = anyWorker();
            int code = send(worker, HttpRequest.newBuilder(uri(worker, "/connectors/" + name + "/config"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
            return code == 200 || code == 201;
        }, "connector " + name + " not created");
        LOG.info("connector {} configured: {}", name, config);
    }

    private ConnectWorker anyWorker() {
        return workers().stream().filter(ChildProcessNode::isAlive).findFirst()
            .orElseThrow(() -> new IllegalStateException("no Connect worker runs in " + directory()));
    }

    private int status(ConnectWorker worker, String path) {
        return send(worker, HttpRequest.newBuilder(uri(worker, path)).GET());
    }

    private int send(ConnectWorker worker, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        } catch (IOException e) {
            LOG.debug("{} did not answer: {}", worker, e.toString());
            return -1;
        } catch (InterruptedException e) {
            throw Interrupts.propagate("interrupted while calling " + worker, e);
        }
    }

    private void awaitCondition(java.util.function.BooleanSupplier condition, String problem) {
        long deadline = System.nanoTime() + REST_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(problem + " after " + REST_TIMEOUT + " in " + directory());
            }
            Interrupts.pause(POLL_INTERVAL);
        }
    }

    private void signal(ConnectWorker worker, String signal) {
        long pid = worker.pid().orElseThrow(() -> new IllegalStateException(worker + " is not running"));
        if (!Signals.send(pid, signal)) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed for " + worker);
        }
        LOG.info("Connect worker {} (pid {}) sent SIG{}", worker.name(), pid, signal);
    }

    private static URI uri(ConnectWorker worker, String path) {
        return URI.create(worker.restUrl() + path);
    }
}
