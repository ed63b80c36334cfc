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
 * A node of a test cluster that runs as a child process: the exact argument list that starts it, its data
 * directory, the log file that receives its stdout and stderr, and the process this kit started.
 *
 * <p>{@link #command()} also restarts the node: run again, from this JVM or from any other process (an
 * executor's process driver), it starts the node on its existing data directory and the node rejoins its
 * cluster. Liveness checks see such externally started processes too: they are found by an argument that only
 * this node's command carries (the subclass says which).
 */
public abstract sealed class ChildProcessNode permits EtcdMember, KafkaNode, ZooKeeperNode, ConnectWorker,
        RedisNode {

    private final String role;
    private final Path dataDir;
    private final Path logFile;
    private final List<String> command;
    private final String identifyingArgument;
    private volatile Process process;

    /**
     * A node that {@code role} names in messages (e.g. {@code etcd member}) and whose processes are found by
     * {@code identifyingArgument}, an argument of {@code command} that no other node's command carries.
     */
    ChildProcessNode(String role, Path dataDir, Path logFile, List<String> command, Path identifyingArgument) {
        this.role = role;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.command = List.copyOf(command);
        this.identifyingArgument = identifyingArgument.toString();
    }

    /** The node's name in specs and logs, e.g. {@code m0} or {@code z1}. */
    public abstract String name();

    /** The node's data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** The file that receives the node's stdout and stderr (its log), appended across restarts. */
    public Path logFile() {
        return logFile;
    }

    /** The exact argument list that starts this node; it also restarts it on its data dir. */
    public List<String> command() {
        return command;
    }

    /** The pid of the running node process, wherever it was started from. */
    public OptionalLong pid() {
        return processHandle().map(handle -> OptionalLong.of(handle.pid())).orElse(OptionalLong.empty());
    }

    /** Whether a process of this node is running, wherever it was started from. */
    public boolean isAlive() {
        return processHandle().isPresent();
    }

    /** The running process of this node: the one this kit started, else any with its identifying argument. */
    public Optional<ProcessHandle> processHandle() {
        Process own = process;
        if (own != null && own.isAlive()) {
            return Optional.of(own.toHandle());
        }
        return ProcessSweep.withArgument(identifyingArgument).stream().filter(ProcessHandle::isAlive).findFirst();
    }

    /** Every running process of this node: the kit's own and any started elsewhere. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(ProcessSweep.withArgument(identifyingArgument));
        Process own = process;
        if (own != null && own.isAlive() && all.stream().noneMatch(handle -> handle.pid() == own.pid())) {
            all.add(own.toHandle());
        }
        return all;
    }

    /** What the node is, for messages, e.g. {@code etcd member}. */
    String role() {
        return role;
    }

    /** Starts {@link #command()} with output appended to {@link #logFile()}. */
    void launch() {
        ProcessBuilder builder = new ProcessBuilder(launchCommand())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(logFile.toFile()));
        prepareLaunch(builder);
        try {
            Process started = builder.start();
            started.getOutputStream().close();
            process = started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + role + " " + name() + ": " + command, e);
        }
    }

    /**
     * What this kit runs to start the node: {@link #command()}, or a wrapper that execs it (e.g. in a network
     * namespace), so that the running process's arguments are exactly {@link #command()}.
     */
    List<String> launchCommand() {
        return command;
    }

    /** Sets what this kind of node needs beyond its command (working directory, environment) before a launch. */
    abstract void prepareLaunch(ProcessBuilder builder);
}
