package dev.revive.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child-process nodes of one test cluster, all below one temp directory: launching them, killing, stopping
 * and restarting one, polling them against a deadline, and cleaning up.
 *
 * <p>{@link #close()} (and, as a safety net, a JVM shutdown hook) kills every process on the machine whose
 * arguments mention the directory, including nodes restarted by other processes, and deletes the directory.
 */
final class ProcessGroup<N extends ChildProcessNode> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessGroup.class);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 10;

    private final Path directory;
    private final List<N> nodes;
    private final Duration pollInterval;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private ProcessGroup(Path directory, List<N> nodes, Duration pollInterval, String cleanupThreadName) {
        this.directory = directory;
        this.nodes = List.copyOf(nodes);
        this.pollInterval = pollInterval;
        this.shutdownHook = new Thread(this::destroy, cleanupThreadName);
    }

    /**
     * Creates a temp directory whose name starts with {@code prefix} and the group of the nodes {@code buildNodes}
     * places in it, not launched yet; a shutdown hook named {@code cleanupThreadName} cleans the group up should
     * it never be closed.
     */
    static <N extends ChildProcessNode> ProcessGroup<N> open(String prefix, Function<Path, List<N>> buildNodes,
                                                             Duration pollInterval, String cleanupThreadName) {
        Path directory = TempDirs.create(prefix);
        ProcessGroup<N> group = new ProcessGroup<>(directory, buildNodes.apply(directory), pollInterval,
            cleanupThreadName);
        Runtime.getRuntime().addShutdownHook(group.shutdownHook);
        return group;
    }

    /** The directory holding every node's data dir and log. */
    Path directory() {
        return directory;
    }

    /** All nodes, in order. */
    List<N> nodes() {
        return nodes;
    }

    /**
     * Launches every node, then runs {@code awaitReady}; returns how long both took. If either fails, closes the
     * group, leaving nothing behind, and rethrows.
     */
    Duration launchAll(Runnable awaitReady) {
        try {
            long startNanos = System.nanoTime();
            nodes.forEach(ChildProcessNode::launch);
            awaitReady.run();
            return Duration.ofNanos(System.nanoTime() - startNanos);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Kills the node with SIGKILL and waits until its processes have exited. */
    void kill(N node) {
        requireNode(node);
        ProcessSweep.killAndWait(node.processes(), EXIT_TIMEOUT);
        LOG.info("{} {} killed (SIGKILL)", node.role(), node.name());
    }

    /** Stops the node with SIGTERM, waiting for it; SIGKILLs it if it does not exit in time. */
    void stop(N node) {
        requireNode(node);
        List<ProcessHandle> processes = node.processes();
        processes.forEach(ProcessHandle::destroy);
        List<ProcessHandle> stubborn = ProcessSweep.awaitExit(processes, EXIT_TIMEOUT);
        ProcessSweep.killAndWait(stubborn, EXIT_TIMEOUT);
        LOG.info("{} {} stopped (SIGTERM)", node.role(), node.name());
    }

    /** Starts a stopped node again with its {@link ChildProcessNode#command()}; returns once the process runs. */
    void restart(N node) {
        requireNode(node);
        if (node.isAlive()) {
            throw new IllegalStateException(node + " is still running");
        }
        node.launch();
        LOG.info("{} {} restarted", node.role(), node.name());
    }

    /** The nodes that fail {@code check}. */
    List<N> failing(Predicate<? super N> check) {
        return nodes.stream().filter(check.negate()).collect(Collectors.toList());
    }

    /** The running nodes that fail {@code check}; every node when none runs. */
    List<N> runningFailing(Predicate<? super N> check) {
        List<N> running = nodes.stream().filter(ChildProcessNode::isAlive).collect(Collectors.toList());
        if (running.isEmpty()) {
            return nodes;
        }
        return running.stream().filter(check.negate()).collect(Collectors.toList());
    }

    /** Throws, naming the dead nodes with their log tails, unless every node runs. */
    void requireAllAlive(String problem) {
        List<N> dead = nodes.stream().filter(node -> !node.isAlive()).collect(Collectors.toList());
        if (!dead.isEmpty()) {
            throw new IllegalStateException(problem + ": " + describe(dead));
        }
    }

    /**
     * Polls {@code pending} until it returns no node.
     *
     * @throws IllegalStateException at the deadline, naming the nodes still pending with their log tails
     */
    void awaitNone(Duration timeout, Supplier<List<N>> pending, String problem) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<N> waiting = pending.get();
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(problem + " after " + timeout + ": " + describe(waiting));
            }
            Interrupts.pause(pollInterval);
            waiting = pending.get();
        }
    }

    /**
     * Polls {@code find} until it finds a node and returns that node.
     *
     * @throws IllegalStateException at the deadline, naming the directory
     */
    N awaitFound(Duration timeout, Supplier<Optional<N>> find, String problem) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<N> found = find.get();
        while (found.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(problem + " after " + timeout + " in " + directory);
            }
            Interrupts.pause(pollInterval);
            found = find.get();
        }
        return found.get();
    }

    /** Kills every process of the group, wherever it was started, and deletes the directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            destroy();
        } finally {
            removeShutdownHook();
        }
    }

    private synchronized void destroy() {
        List<ProcessHandle> processes =
            new ArrayList<>(ProcessSweep.withArgumentContaining(directory + File.separator));
        nodes.forEach(node -> processes.addAll(node.processes()));
        ProcessSweep.killAndWait(processes, EXIT_TIMEOUT);
        TempDirs.deleteRecursively(directory);
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private void requireNode(N node) {
        if (!nodes.contains(node)) {
            throw new IllegalArgumentException(node + " is not one of " + nodes);
        }
    }

    private static String describe(List<? extends ChildProcessNode> nodes) {
        return nodes.stream()
            .map(node -> node + " (log " + node.logFile() + ")\n" + tail(node.logFile()))
            .collect(Collectors.joining("\n"));
    }

    private static String tail(Path file) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - LOG_TAIL_LINES), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
