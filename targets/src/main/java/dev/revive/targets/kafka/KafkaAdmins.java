package dev.revive.targets.kafka;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

/**
 * The kind's Admin clients, one per bootstrap list, at most {@code capacity} of them (the least recently used one
 * beyond that is closed), every call bounded by the call timeout: the Admin's own request and API timeouts are set to
 * it, and {@link #get} waits for a result no longer than that. Failures come back as {@link TargetException}s
 * classified by exception type: TIMEOUT when Kafka or the wait timed out, FAILED for any other error.
 */
public final class KafkaAdmins implements AutoCloseable {

    /** How many clients are kept by default: room for many clusters and their nodes. */
    static final int DEFAULT_CAPACITY = 64;

    private static final Logger LOG = Logger.getLogger(KafkaAdmins.class);

    private final Duration callTimeout;
    private final int capacity;
    private final LinkedHashMap<String, Admin> admins = new LinkedHashMap<>(16, 0.75f, true);

    public KafkaAdmins(Duration callTimeout) {
        this(callTimeout, DEFAULT_CAPACITY);
    }

    KafkaAdmins(Duration callTimeout, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.callTimeout = callTimeout;
        this.capacity = capacity;
    }

    /** The bound of every call. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** {@code host:port} of a node's client endpoint ({@code tcp://127.0.0.1:9092} → {@code 127.0.0.1:9092}). */
    public static String hostPort(NodeSpec node) {
        URI uri = URI.create(node.endpoints().client());
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new TargetException(Kind.FAILED, "node " + node.id() + " has no host:port client endpoint: "
                    + node.endpoints().client());
        }
        return uri.getHost() + ":" + uri.getPort();
    }

    /** Every node's client endpoint as a {@code bootstrap.servers} value. */
    public static String bootstrap(ClusterSpec spec) {
        return spec.nodes().stream().map(KafkaAdmins::hostPort).collect(Collectors.joining(","));
    }

    /** The Admin client of the cluster (every node's endpoint). */
    public Admin forCluster(ClusterSpec spec) {
        return admin(bootstrap(spec));
    }

    /** The Admin client that bootstraps from {@code node} alone. */
    public Admin forNode(NodeSpec node) {
        return admin(hostPort(node));
    }

    /**
     * Waits for {@code future} at most the call timeout.
     *
     * @throws TargetException TIMEOUT when Kafka or the wait timed out or a retriable error remained, FAILED for any
     *                         other error
     */
    public <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new TargetException(Kind.TIMEOUT, what + ": no answer within " + callTimeout, e);
        } catch (ExecutionException e) {
            throw classify(what, e.getCause());
        } catch (KafkaException e) {
            throw classify(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Kind.TIMEOUT, what + ": interrupted", e);
        }
    }

    /** The timeout to put in an Admin call's options. */
    int timeoutMs() {
        return (int) callTimeout.toMillis();
    }

    private static TargetException classify(String what, Throwable cause) {
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException || cause instanceof DisconnectException
                || cause instanceof RetriableException) {
            return new TargetException(Kind.TIMEOUT, what + ": " + cause, cause);
        }
        return new TargetException(Kind.FAILED, what + ": " + cause, cause);
    }

    private Admin admin(String bootstrap) {
        List<Map.Entry<String, Admin>> evicted = new ArrayList<>();
        Admin admin;
        synchronized (this) {
            admin = admins.computeIfAbsent(bootstrap, this::open);
            Iterator<Map.Entry<String, Admin>> eldest = admins.entrySet().iterator();
            while (admins.size() > capacity && eldest.hasNext()) {
                evicted.add(eldest.next());
                eldest.remove();
            }
        }
        evicted.forEach(entry -> {
            LOG.debugf("closing the least recently used Kafka Admin of %s", entry.getKey());
            entry.getValue().close(Duration.ZERO);
        });
        return admin;
    }

    private Admin open(String bootstrap) {
        int timeout = timeoutMs();
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(timeout, 1000),
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(timeout, 2000),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000,
                AdminClientConfig.CLIENT_ID_CONFIG, "revive-" + bootstrap));
    }

    /** How many clients are open. */
    synchronized int size() {
        return admins.size();
    }

    @Override
    public void close() {
        List<Admin> open;
        synchronized (this) {
            open = List.copyOf(admins.values());
            admins.clear();
        }
        open.forEach(admin -> admin.close(Duration.ZERO));
    }
}
