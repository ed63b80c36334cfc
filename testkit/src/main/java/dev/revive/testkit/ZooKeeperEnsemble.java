package dev.revive.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real ZooKeeper ensemble of N servers, each a {@code QuorumPeerMain} JVM (Debian package {@code zookeeper})
 * on free loopback ports with its own data directory and {@code myid}, all below one temp directory. Every
 * four-letter word is allowed ({@code 4lw.commands.whitelist=*}); ticks are short (100 ms) so elections take
 * well under a second. Servers log through SLF4J's simple binding to their log file, each line stamped with
 * an ISO-8601 time and offset.
 *
 * <p>{@link #close()} (and, as a safety net, a JVM shutdown hook) kills every process whose arguments mention
 * the ensemble's directory, including servers restarted by other processes, and deletes the directory.
 */
public final class ZooKeeperEnsemble implements AutoCloseable {

    /** How long {@link #start(int)} waits for every server to serve. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How long {@link #leader()} waits for a leader. */
    public static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);

    static final int TICK_MS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperEnsemble.class);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessGroup<ZooKeeperNode> group;
    private int touches;

    private ZooKeeperEnsemble(ProcessGroup<ZooKeeperNode> group) {
        this.group = group;
    }

    /**
     * Starts {@code size} servers and waits until every one serves as leader or follower.
     *
     * @throws IllegalStateException if ZooKeeper is not installed or the ensemble does not serve within
     *     {@link #START_TIMEOUT}; nothing is left behind in that case
     */
    public static ZooKeeperEnsemble start(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("an ensemble needs at least one server, got " + size);
        }
        String classPath = ZooKeeperInstall.classPath("slf4j-simple.jar");
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble(ProcessGroup.open("revive-zk-",
            directory -> ZooKeeperConfigs.nodes(classPath, directory, size), POLL_INTERVAL,
            "zookeeper-ensemble-cleanup"));
        Duration took = ensemble.group.launchAll(() -> ensemble.awaitServing(START_TIMEOUT));
        LOG.info("ZooKeeper ensemble of {} serving in {} ms: {}", size, took.toMillis(), ensemble.nodes());
        return ensemble;
    }

    /** The directory holding every server's data dir, config and log. */
    public Path directory() {
        return group.directory();
    }

    /** All servers, in myid order. */
    public List<ZooKeeperNode> nodes() {
        return group.nodes();
    }

    /** The server at {@code index} (0-based; its myid is index + 1). */
    public ZooKeeperNode node(int index) {
        return group.nodes().get(index);
    }

    /** Waits for a leader for at most {@link #LEADER_TIMEOUT}. */
    public ZooKeeperNode leader() {
        return group.awaitFound(LEADER_TIMEOUT, this::findLeader, "no ZooKeeper leader");
    }

    /** The server that says it leads right now, if any. */
    public Optional<ZooKeeperNode> findLeader() {
        return nodes().stream().filter(node -> state(node).filter("leader"::equals).isPresent()).findFirst();
    }

    /** The servers other than the current leader (waiting for one first). */
    public List<ZooKeeperNode> followers() {
        ZooKeeperNode leader = leader();
        return nodes().stream().filter(node -> node != leader).collect(Collectors.toList());
    }

    /**
     * Waits until every running server serves as leader or follower.
     *
     * @throws IllegalStateException at the deadline, naming the servers and their log tails
     */
    public void awaitServing(Duration timeout) {
        group.awaitNone(timeout, () -> group.runningFailing(ZooKeeperEnsemble::serves),
            "ZooKeeper servers not serving");
    }

    /** Kills the server with SIGKILL and waits until its processes have exited. */
    public void kill(ZooKeeperNode node) {
        group.kill(node);
    }

    /** Starts a stopped server again with its {@link ZooKeeperNode#command()}; returns once the process runs. */
    public void restart(ZooKeeperNode node) {
        group.restart(node);
    }

    /**
     * Writes one znode through ZooKeeper's own command-line client, as any client would: a session and a
     * transaction in the current epoch. A new leader reports the new epoch in its {@code Zxid} at once, the
     * followers only with the first transaction of that epoch; this is that transaction.
     */
    public void touch() {
        String servers = nodes().stream().map(node -> "127.0.0.1:" + node.clientPort())
            .collect(Collectors.joining(","));
        String path = "/revive-touch-" + (++touches);
        List<String> argv = List.of(ZooKeeperInstall.java().toString(), "-Xmx64m", "-cp",
            ZooKeeperInstall.classPath("slf4j-nop.jar"), ZooKeeperInstall.CLIENT_MAIN, "-server", servers, "create",
            path, "x");
        Path output = directory().resolve("client-" + touches + ".out");
        try {
            Process client = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
            client.getOutputStream().close();
            if (!client.waitFor(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                client.destroyForcibly();
                throw new IllegalStateException("ZooKeeper client did not finish within " + CLIENT_TIMEOUT);
            }
            String said = Files.readString(output);
            if (!said.contains("Created " + path)) {
                throw new IllegalStateException("ZooKeeper client did not create " + path + ": " + said);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the ZooKeeper client", e);
        } catch (InterruptedException e) {
            throw Interrupts.propagate("interrupted while writing to ZooKeeper", e);
        }
    }

    /** Kills every process of the ensemble, wherever it was started, and deletes the directory. */
    @Override
    public void close() {
        group.close();
    }

    @Override
    public String toString() {
        return "ZooKeeperEnsemble" + nodes();
    }

    private static boolean serves(ZooKeeperNode node) {
        return state(node).filter(s -> s.equals("leader") || s.equals("follower")).isPresent();
    }

    private static Optional<String> state(ZooKeeperNode node) {
        return FourLetterWords.serverState(node.clientPort(), ASK_TIMEOUT);
    }
}
