package dev.revive.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One server of a {@link ZooKeeperEnsemble}: a {@code QuorumPeerMain} JVM with its own loopback ports, data
 * directory ({@code myid} inside), config file and log file.
 *
 * <p>{@link #command()} is the exact argument list that started the server; running it again, from this JVM or
 * any other process (an executor's process driver), restarts it on its data directory and it rejoins the
 * ensemble. Liveness checks see such processes too: they are found by the config file argument.
 */
public final class ZooKeeperNode {

    private final int myid;
    private final int clientPort;
    private final Path dataDir;
    private final Path configFile;
    private final Path logFile;
    private final List<String> command;
    private volatile Process process;

    ZooKeeperNode(int myid, int clientPort, Path dataDir, Path configFile, Path logFile, List<String> command) {
        this.myid = myid;
        this.clientPort = clientPort;
        this.dataDir = dataDir;
        this.configFile = configFile;
        this.logFile = logFile;
        this.command = List.copyOf(command);
    }

    /** The node id in specs, e.g. {@code z1}. */
    public String name() {
        return "z" + myid;
    }

    /** The server id ({@code myid}). */
    public int myid() {
        return myid;
    }

    /** The client port on 127.0.0.1 (four-letter words are answered there). */
    public int clientPort() {
        return clientPort;
    }

    /** The client endpoint as a URL, e.g. {@code tcp://127.0.0.1:40123}. */
    public String clientUrl() {
        return "tcp://127.0.0.1:" + clientPort;
    }

    /** The data directory (snapshots, transaction logs, {@code myid}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The server's config file. */
    public Path configFile() {
        return configFile;
    }

    /** The file that receives the server's stdout and stderr (its log), appended across restarts. */
    public Path logFile() {
        return logFile;
    }

    /** The exact argument list that starts this server; it also restarts it on its data dir. */
    public List<String> command() {
        return command;
    }

    /** The pid of the running server, wherever it was started from. */
    public OptionalLong pid() {
        return processHandle().map(handle -> OptionalLong.of(handle.pid())).orElse(OptionalLong.empty());
    }

    /** Whether a process of this server runs, wherever it was started from. */
    public boolean isAlive() {
        return processHandle().isPresent();
    }

    /** The running process of this server: the one this kit started, else any with its config file. */
    public Optional<ProcessHandle> processHandle() {
        Process own = process;
        if (own != null && own.isAlive()) {
            return Optional.of(own.toHandle());
        }
        return ProcessSweep.withArgument(configFile.toString()).stream().filter(ProcessHandle::isAlive).findFirst();
    }

    @Override
    public String toString() {
        return "ZooKeeperNode[" + name() + " 127.0.0.1:" + clientPort + "]";
    }

    /** Every running process of this server: the kit's own and any started elsewhere. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(ProcessSweep.withArgument(configFile.toString()));
        Process own = process;
        if (own != null && own.isAlive() && all.stream().noneMatch(handle -> handle.pid() == own.pid())) {
            all.add(own.toHandle());
        }
        return all;
    }

    /** Starts {@link #command()} with output appended to {@link #logFile()}. */
    void launch() {
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(dataDir.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(logFile.toFile()));
        try {
            Process started = builder.start();
            started.getOutputStream().close();
            process = started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ZooKeeper server " + name() + ": " + command, e);
        }
    }
}
