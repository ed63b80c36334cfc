package dev.revive.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis primary with N replicas (default 2), each a {@code redis-server} child process on a free loopback port
 * with its own directory below one temp directory ({@link RedisConfigs}): {@code r1} starts as the primary, the
 * others as its replicas. Roles change on failover, so {@link #roleOf} and {@link #primary()} ask the live nodes.
 *
 * <p>{@link #close()} (and, as a safety net, a JVM shutdown hook) kills every process on the machine whose arguments
 * mention the cluster's directory, including nodes that Revive's process driver restarted, and deletes it.
 */
public final class RedisCluster implements AutoCloseable {

    /** How long {@link #start} waits for every node to answer and every replica to be linked. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** The bound of each of the kit's own calls to a node. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(RedisCluster.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final ProcessGroup<RedisNode> group;

    private RedisCluster(ProcessGroup<RedisNode> group) {
        this.group = group;
    }

    /** Starts a primary and two replicas, DEBUG allowed from loopback; waits until every replica is linked. */
    public static RedisCluster start() {
        return start(2, true);
    }

    /**
     * Starts a primary and {@code replicas} replicas and waits until every replica is linked to it.
     * {@code debugCommand}: whether DEBUG (DEBUG DIGEST) is allowed from local connections.
     *
     * @throws IllegalStateException when redis-server is missing or the cluster is not linked within
     *     {@link #START_TIMEOUT}; nothing is left behind in that case
     */
    public static RedisCluster start(int replicas, boolean debugCommand) {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must not be negative, got " + replicas);
        }
        RedisCluster cluster = new RedisCluster(ProcessGroup.open("revive-redis-",
            directory -> RedisConfigs.nodes(directory, replicas, debugCommand), POLL_INTERVAL,
            "redis-cluster-cleanup"));
        Duration took = cluster.group.launchAll(() -> cluster.awaitReplicasLinked(START_TIMEOUT));
        LOG.info("redis primary with {} replicas linked in {} ms: {}", replicas, took.toMillis(), cluster.nodes());
        return cluster;
    }

    /** The directory holding every node's directory. */
    public Path directory() {
        return group.directory();
    }

    /** Every node, r1 first. */
    public List<RedisNode> nodes() {
        return group.nodes();
    }

    /** The node ids, {@code r1}, {@code r2}, … */
    public List<String> ids() {
        return nodes().stream().map(RedisNode::name).toList();
    }

    /** The node {@code id}. */
    public RedisNode node(String id) {
        return nodes().stream().filter(node -> node.name().equals(id)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no node " + id + " in " + nodes()));
    }

    /** The port of node {@code id} on 127.0.0.1. */
    public int port(String id) {
        return node(id).port();
    }

    /** The pid of node {@code id}'s running process, wherever it was started. */
    public long pid(String id) {
        return node(id).pid().orElseThrow(() -> new IllegalStateException(id + " does not run"));
    }

    /** SIGKILLs node {@code id} and waits until it has exited. */
    public void kill9(String id) {
        group.kill(node(id));
    }

    /** Stops node {@code id} with SIGTERM (SIGKILL if it does not exit in time). */
    public void stop(String id) {
        group.stop(node(id));
    }

    /** Starts a stopped node {@code id} again with its command (its config file: a replica follows r1's port). */
    public void restart(String id) {
        group.restart(node(id));
    }

    /** Freezes node {@code id} (SIGSTOP): it holds its port but answers nothing. */
    public void sigstop(String id) {
        signal(id, "STOP");
    }

    /** Thaws node {@code id} (SIGCONT). */
    public void sigcont(String id) {
        signal(id, "CONT");
    }

    /** {@code master} or {@code slave} as node {@code id} says it now; empty when it does not answer. */
    public Optional<String> roleOf(String id) {
        return info(id, "replication").map(fields -> fields.get("role"));
    }

    /** The fields of node {@code id}'s INFO {@code section}; empty when it does not answer within the call bound. */
    public Optional<Map<String, String>> info(String id, String section) {
        try (RespConnection redis = connect(id)) {
            return Optional.of(fields((String) redis.call("INFO", section)));
        } catch (IOException | RespConnection.ErrorReply e) {
            return Optional.empty();
        }
    }

    /** Connects to node {@code id} with the kit's call bound. */
    public RespConnection connect(String id) throws IOException {
        return RespConnection.open("127.0.0.1", port(id), CALL_TIMEOUT);
    }

    /** The node that says role:master, waited for up to {@link #START_TIMEOUT}; throws when not exactly one does. */
    public RedisNode primary() {
        return group.awaitFound(START_TIMEOUT, this::findPrimary, "no single redis primary");
    }

    /** The one node that says role:master now, if exactly one does. */
    public Optional<RedisNode> findPrimary() {
        List<RedisNode> primaries = nodes().stream()
            .filter(node -> roleOf(node.name()).map("master"::equals).orElse(false)).toList();
        return primaries.size() == 1 ? Optional.of(primaries.get(0)) : Optional.empty();
    }

    /**
     * Waits until exactly one node is primary, every other node is its replica with the link up, and no node loads
     * or rewrites its AOF (a replica rewrites its AOF right after a full sync, and refuses SIGTERM while it writes
     * that initial AOF: "Writing initial AOF, can't exit").
     *
     * @throws IllegalStateException at the deadline, naming the nodes not linked with their log tails
     */
    public void awaitReplicasLinked(Duration timeout) {
        group.awaitNone(timeout, () -> {
            Optional<RedisNode> primary = findPrimary();
            return primary.isEmpty() ? nodes() : group.failing(node -> atRest(node)
                && (node == primary.get() || linkedTo(node, primary.get())));
        }, "redis replicas not linked to a single primary, or still loading or rewriting their AOF");
    }

    private boolean linkedTo(RedisNode node, RedisNode primary) {
        return info(node.name(), "replication").map(fields -> "up".equals(fields.get("master_link_status"))
            && Integer.toString(primary.port()).equals(fields.get("master_port"))).orElse(false);
    }

    private boolean atRest(RedisNode node) {
        return info(node.name(), "persistence").map(fields -> "0".equals(fields.get("loading"))
            && "0".equals(fields.get("aof_rewrite_in_progress"))
            && "0".equals(fields.get("aof_rewrite_scheduled"))).orElse(false);
    }

    /** Kills every process of the cluster, wherever it was started, and deletes the directory. */
    @Override
    public void close() {
        group.close();
    }

    @Override
    public String toString() {
        return "RedisCluster" + nodes();
    }

    private void signal(String id, String signal) {
        long pid = pid(id);
        if (!Signals.send(pid, signal)) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " (" + id + ") failed");
        }
        LOG.info("redis node {} (pid {}) sent SIG{}", id, pid, signal);
    }

    private static Map<String, String> fields(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }
}
