package dev.revive.e2e;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.LoadBalancerSpec;
import dev.revive.testkit.HAProxy;
import dev.revive.testkit.HAProxyBackend;
import dev.revive.testkit.RedisCluster;
import dev.revive.testkit.RedisNode;
import dev.revive.testkit.RedisSpecs;
import dev.revive.testkit.RespConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Redis target of the demo ({@code --target redis}) and of the e2e scenarios: a primary and two replicas
 * ({@link RedisCluster}) behind an HAProxy whose backend health-checks {@code role:master}, so that clients reach
 * the primary only, and the spec Revive watches them by (kind redis, the HAProxy runtime API as its load balancer,
 * the demo policy).
 */
public final class RedisTarget implements AutoCloseable {

    /** The HAProxy backend of the nodes; each node's server is named as the node. */
    public static final String BACKEND = "redis-primary";

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final RedisCluster cluster;
    private final HAProxy proxy;
    private final ClusterSpec spec;

    private RedisTarget(RedisCluster cluster, HAProxy proxy, ClusterSpec spec) {
        this.cluster = cluster;
        this.proxy = proxy;
        this.spec = spec;
    }

    /**
     * Starts the nodes and HAProxy, describes them as cluster {@code clusterId} (files below {@code workDir}), and
     * returns once HAProxy routes to the primary only.
     */
    public static RedisTarget start(String clusterId, Path workDir) throws InterruptedException {
        RedisCluster cluster = RedisCluster.start();
        HAProxy proxy = null;
        try {
            Map<String, Integer> ports = new LinkedHashMap<>();
            Map<String, String> servers = new LinkedHashMap<>();
            for (RedisNode node : cluster.nodes()) {
                ports.put(node.name(), node.port());
                servers.put(node.name(), node.name());
            }
            proxy = HAProxy.start(HAProxyBackend.redisPrimary(BACKEND, ports));
            LoadBalancerSpec balancer = new LoadBalancerSpec(LoadBalancerSpec.Type.HAPROXY,
                    proxy.socketPath().toString(), BACKEND, servers);
            ClusterSpec spec = TargetSpecs.withDemoPolicy(RedisSpecs.describe(clusterId, cluster, workDir, balancer));
            RedisTarget target = new RedisTarget(cluster, proxy, spec);
            // HAProxy starts every server UP until its checks fail: wait until the replicas' checks took them out
            Polling.until("HAProxy routing to the primary only", START_TIMEOUT,
                    () -> target.routesOnlyTo(cluster.primary().name()));
            return target;
        } catch (RuntimeException | Error e) {
            Resources.closeAll(proxy, cluster);
            throw e;
        }
    }

    public RedisCluster cluster() {
        return cluster;
    }

    public HAProxy proxy() {
        return proxy;
    }

    /** The spec Revive is given (signed by the stack). */
    public ClusterSpec spec() {
        return spec;
    }

    /**
     * True when HAProxy's checks have {@code primary} UP and every other server not UP: every new connection through
     * the frontend reaches the primary.
     */
    public boolean routesOnlyTo(String primary) {
        try {
            return cluster.ids().stream().allMatch(id -> proxy.serverState(id).startsWith("UP") == id.equals(primary));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The node a client connecting through HAProxy reaches now (its {@code INFO server} port), or empty when the
     * frontend answers nothing (no server up).
     */
    public Optional<String> routedTo() {
        try (RespConnection connection = RespConnection.open("127.0.0.1", proxy.frontendPort(), CALL_TIMEOUT)) {
            Object info = connection.call("INFO", "server");
            String text = info instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(info);
            return text.lines().filter(line -> line.startsWith("tcp_port:"))
                    .map(line -> Integer.parseInt(line.substring("tcp_port:".length()).trim()))
                    .flatMap(port -> cluster.nodes().stream().filter(node -> node.port() == port))
                    .map(RedisNode::name).findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        Resources.closeAll(proxy, cluster);
    }
}
