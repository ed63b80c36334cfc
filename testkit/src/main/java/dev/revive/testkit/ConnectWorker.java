package dev.revive.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * One worker of a {@link ConnectCluster}: a {@code ConnectDistributed} JVM with its own REST port on 127.0.0.1,
 * working directory, properties file and log file. A worker keeps no state of its own (its configs, offsets and
 * statuses live in Kafka topics): running {@link #command()} again brings it back into the group.
 *
 * <p>Processes of this worker started elsewhere are found by its properties file argument.
 */
public final class ConnectWorker extends ChildProcessNode {

    private final int index;
    private final int restPort;
    private final Path propertiesFile;

    ConnectWorker(int index, int restPort, Path home, Path propertiesFile, Path logFile, List<String> command) {
        super("Connect worker", home, logFile, command, propertiesFile);
        this.index = index;
        this.restPort = restPort;
        this.propertiesFile = propertiesFile;
    }

    /** The node id in specs, e.g. {@code w0}. */
    @Override
    public String name() {
        return "w" + index;
    }

    /** The REST port on 127.0.0.1. */
    public int restPort() {
        return restPort;
    }

    /** The REST base URL, e.g. {@code http://127.0.0.1:40123}. */
    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** The id Connect gives this worker in statuses ({@code worker_id}): its advertised REST host and port. */
    public String workerId() {
        return "127.0.0.1:" + restPort;
    }

    /** The worker's properties file. */
    public Path propertiesFile() {
        return propertiesFile;
    }

    @Override
    public String toString() {
        return "ConnectWorker[" + name() + " " + restUrl() + "]";
    }

    /** Runs the worker in its own directory. */
    @Override
    void prepareLaunch(ProcessBuilder builder) {
        builder.directory(dataDir().toFile());
    }
}
