package dev.revive.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One member of an {@link EtcdCluster}: an {@code etcd} process with its own loopback ports, data
 * directory and log file.
 *
 * <p>{@link #command()} is the exact argument list that started the member. Running it again, from
 * this JVM or from any other process, restarts the member on its existing data directory and it
 * rejoins the cluster. Liveness checks see such externally started processes too: they are found
 * by the {@code --data-dir} argument.
 */
public final class EtcdMember {

    private final String name;
    private final int clientPort;
    private final int peerPort;
    private final Path dataDir;
    private final Path logFile;
    private final List<String> command;
    private volatile Process process;

    EtcdMember(String name, int clientPort, int peerPort, Path dataDir, Path logFile, List<String> command) {
        this.name = name;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.command = List.copyOf(command);
    }

    /** The etcd member name ({@code --name}), e.g. {@code m0}. */
    public String name() {
        return name;
    }

    /** The client URL, e.g. {@code http://127.0.0.1:40123}. */
    public String clientUrl() {
        return url(clientPort);
    }

    /** The peer (raft) URL. */
    public String peerUrl() {
        return url(peerPort);
    }

    /** The member's data directory ({@code --data-dir}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The file that receives the member's stdout and stderr, appended across restarts. */
    public Path logFile() {
        return logFile;
    }

    /** The exact argument list that starts this member; it also restarts it on its data dir. */
    public List<String> command() {
        return command;
    }

    /** The pid of the running member process, wherever it was started from. */
    public OptionalLong pid() {
        return processHandle().map(handle -> OptionalLong.of(handle.pid())).orElse(OptionalLong.empty());
    }

    /** Whether a process of this member is running, wherever it was started from. */
    public boolean isAlive() {
        return processHandle().isPresent();
    }

    /** The running process of this member: the one this kit started, else any with its data dir. */
    public Optional<ProcessHandle> processHandle() {
        Process own = process;
        if (own != null && own.isAlive()) {
            return Optional.of(own.toHandle());
        }
        return ProcessSweep.withArgument(dataDir.toString()).stream().filter(ProcessHandle::isAlive).findFirst();
    }

    /** Every running process of this member: the kit's own and any started elsewhere. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(ProcessSweep.withArgument(dataDir.toString()));
        Process own = process;
        if (own != null && own.isAlive() && all.stream().noneMatch(handle -> handle.pid() == own.pid())) {
            all.add(own.toHandle());
        }
        return all;
    }

    @Override
    public String toString() {
        return "EtcdMember[" + name + " " + clientUrl() + "]";
    }

    /** Starts {@link #command()} with output appended to {@link #logFile()}. */
    void launch() {
        ProcessBuilder builder = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(logFile.toFile()));
        removeEtcdEnvironment(builder.environment());
        try {
            Process started = builder.start();
            started.getOutputStream().close();
            process = started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start etcd member " + name + ": " + command, e);
        }
    }

    private static void removeEtcdEnvironment(Map<String, String> environment) {
        environment.keySet().removeIf(key -> key.startsWith("ETCD_"));
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }
}
