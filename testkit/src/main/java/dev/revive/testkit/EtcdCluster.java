package dev.revive.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real etcd cluster of N members, each an {@code etcd} child process on free loopback ports with
 * its own data directory, all below one temp directory.
 *
 * <p>Members use fast raft timings (heartbeat 50 ms, election timeout 500 ms) so a killed leader is
 * replaced within about a second. {@link #close()} (and, as a safety net, a JVM shutdown hook)
 * kills every process on the machine whose arguments mention the cluster's directory, including
 * members restarted by other processes, and deletes the directory.
 */
public final class EtcdCluster implements AutoCloseable {

    /** How long {@link #start(int)} waits for every member to report healthy. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #leader()} waits for a leader. */
    public static final Duration LEADER_TIMEOUT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(EtcdCluster.class);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final Path directory;
    private final List<EtcdMember> members;
    private final EtcdHttp http = new EtcdHttp();
    private final Thread shutdownHook = new Thread(this::destroy, "etcd-cluster-cleanup");
    private volatile boolean closed;

    private EtcdCluster(Path directory, List<EtcdMember> members) {
        this.directory = directory;
        this.members = List.copyOf(members);
    }

    /**
     * Starts {@code size} members and waits until all are healthy.
     *
     * @throws IllegalStateException if {@code etcd} is not installed or the cluster does not
     *     become healthy within {@link #START_TIMEOUT}; nothing is left behind in that case
     */
    public static EtcdCluster start(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("an etcd cluster needs at least one member, got " + size);
        }
        Path binary = EtcdBinary.locate();
        Path directory = TempDirs.create("revive-etcd-");
        EtcdCluster cluster = new EtcdCluster(directory, EtcdCommands.members(binary, directory, size));
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            long startNanos = System.nanoTime();
            cluster.members.forEach(EtcdMember::launch);
            cluster.awaitAllHealthy(START_TIMEOUT);
            LOG.info("etcd cluster of {} healthy in {} ms: {}", size,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), cluster.endpoints());
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The directory holding every member's data dir and log file. */
    public Path directory() {
        return directory;
    }

    /** The client URLs of all members, in member order. */
    public List<String> endpoints() {
        return members.stream().map(EtcdMember::clientUrl).collect(Collectors.toList());
    }

    /** All members, in order. */
    public List<EtcdMember> members() {
        return members;
    }

    /** The member at {@code index} (0-based). */
    public EtcdMember member(int index) {
        return members.get(index);
    }

    /**
     * Waits until every live member answers {@code /health} with {@code true}.
     *
     * @throws IllegalStateException at the deadline, naming the unhealthy members and their logs
     */
    public void awaitHealthy(Duration timeout) {
        awaitUntil(timeout, () -> unhealthy(true), "etcd members not healthy");
    }

    /** Waits for a leader for at most {@link #LEADER_TIMEOUT}. */
    public EtcdMember leader() {
        return awaitLeader(LEADER_TIMEOUT);
    }

    /**
     * Waits until a live member reports itself as the raft leader and returns it.
     *
     * @throws IllegalStateException when no leader is found in time
     */
    public EtcdMember awaitLeader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<EtcdMember> leader = findLeader();
        while (leader.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no etcd leader after " + timeout + " in " + directory);
            }
            Interrupts.pause(POLL_INTERVAL);
            leader = findLeader();
        }
        return leader.get();
    }

    /** The member that reports itself as leader right now, if any (one status call per member). */
    public Optional<EtcdMember> findLeader() {
        return members.stream()
            .filter(member -> http.status(member.clientUrl()).map(EtcdHttp.Status::isLeader).orElse(false))
            .findFirst();
    }

    /** Kills the member with SIGKILL and waits until its processes have exited. */
    public void kill(EtcdMember member) {
        requireMember(member);
        ProcessSweep.killAndWait(member.processes(), EXIT_TIMEOUT);
        LOG.info("etcd member {} killed (SIGKILL)", member.name());
    }

    /** Stops the member with SIGTERM, waiting for it; SIGKILLs it if it does not exit in time. */
    public void stop(EtcdMember member) {
        requireMember(member);
        List<ProcessHandle> processes = member.processes();
        processes.forEach(ProcessHandle::destroy);
        List<ProcessHandle> stubborn = ProcessSweep.awaitExit(processes, EXIT_TIMEOUT);
        ProcessSweep.killAndWait(stubborn, EXIT_TIMEOUT);
        LOG.info("etcd member {} stopped (SIGTERM)", member.name());
    }

    /**
     * Starts a stopped member again with its {@link EtcdMember#command()} and data dir. Returns once
     * the process is started; use {@link #awaitHealthy(Duration)} to wait for it to rejoin.
     */
    public void restart(EtcdMember member) {
        requireMember(member);
        if (member.isAlive()) {
            throw new IllegalStateException(member + " is still running");
        }
        member.launch();
        LOG.info("etcd member {} restarted", member.name());
    }

    /** Kills every process of the cluster, wherever it was started, and deletes the directory. */
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

    @Override
    public String toString() {
        return "EtcdCluster" + endpoints();
    }

    private synchronized void destroy() {
        List<ProcessHandle> processes = new ArrayList<>(ProcessSweep.withArgumentContaining(directory + File.separator));
        members.forEach(member -> processes.addAll(member.processes()));
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

    private void awaitAllHealthy(Duration timeout) {
        awaitUntil(timeout, () -> {
            failIfAnyMemberDied();
            return unhealthy(false);
        }, "etcd cluster did not become healthy");
    }

    private List<EtcdMember> unhealthy(boolean liveOnly) {
        List<EtcdMember> candidates = liveOnly
            ? members.stream().filter(EtcdMember::isAlive).collect(Collectors.toList())
            : members;
        if (candidates.isEmpty()) {
            return members;
        }
        return candidates.stream().filter(member -> !http.isHealthy(member.clientUrl())).collect(Collectors.toList());
    }

    private void awaitUntil(Duration timeout, Supplier<List<EtcdMember>> pending, String problem) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<EtcdMember> waiting = pending.get();
        while (!waiting.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(problem + " after " + timeout + ": " + describe(waiting));
            }
            Interrupts.pause(POLL_INTERVAL);
            waiting = pending.get();
        }
    }

    private void failIfAnyMemberDied() {
        List<EtcdMember> dead = members.stream().filter(member -> !member.isAlive()).collect(Collectors.toList());
        if (!dead.isEmpty()) {
            throw new IllegalStateException("etcd members exited during start: " + describe(dead));
        }
    }

    private void requireMember(EtcdMember member) {
        if (!members.contains(member)) {
            throw new IllegalArgumentException(member + " is not a member of " + this);
        }
    }

    private static String describe(List<EtcdMember> members) {
        return members.stream()
            .map(member -> member + " (log " + member.logFile() + ")\n" + tail(member.logFile(), 10))
            .collect(Collectors.joining("\n"));
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
