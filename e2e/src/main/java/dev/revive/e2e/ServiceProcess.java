package dev.revive.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Revive service running as a child process: {@code java -jar quarkus-run.jar} with
 * its configuration as {@code -D} properties and its secrets (API tokens) in its environment, never on the command
 * line that every user of the machine can read; its output in a log file, ready once {@code /q/health/ready}
 * answers 200.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int httpPort;
    private final Path logFile;
    /** The argument list and the added environment, kept so that {@link #relaunch()} starts the same service. */
    private final List<String> command;
    private final Map<String, String> environment;
    private volatile Process process;

    private ServiceProcess(String name, int httpPort, Path logFile, List<String> command,
            Map<String, String> environment) throws IOException {
        this.name = name;
        this.httpPort = httpPort;
        this.logFile = logFile;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.process = launch();
    }

    /** Starts {@code jar} with {@code properties} and no secrets; the HTTP port is one of them. */
    public static ServiceProcess start(String name, Path jar, int httpPort, Map<String, String> properties, Path logDir)
            throws IOException {
        return start(name, jar, httpPort, properties, Map.of(), logDir);
    }

    /**
     * Starts {@code jar} with {@code properties} as {@code -D} options and {@code environment} (secrets such as
     * {@code REVIVE_DETECTOR_API_TOKEN}) added to its environment.
     */
    public static ServiceProcess start(String name, Path jar, int httpPort, Map<String, String> properties,
            Map<String, String> environment, Path logDir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw -DskipTests install)");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=" + httpPort));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        return new ServiceProcess(name, httpPort, logDir.resolve(name + ".log"), command, environment);
    }

    /**
     * SIGKILL (kill -9): the service gets no chance to close anything. Returns once the process is gone; does
     * nothing when it is not running.
     */
    public void kill() throws InterruptedException {
        Process current = process;
        if (current.isAlive() && !current.destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + current.pid() + ") still runs 10 s after SIGKILL");
        }
    }

    /**
     * Starts the service again with the same properties, environment and HTTP port (its log is appended to), once
     * the previous process is gone; call {@link #awaitReady} next.
     */
    public synchronized void relaunch() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " still runs as pid " + process.pid() + "; kill it first");
        }
        process = launch();
    }

    /** Waits until the service reports ready, or fails with the tail of its log. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "\n" + logTail());
            }
            if (isReady()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "\n" + logTail());
    }

    public String name() {
        return name;
    }

    /** The service's base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the service's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL after five seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** True when {@code GET /q/health/ready} answers 200 now. */
    public boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(1)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Process launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
