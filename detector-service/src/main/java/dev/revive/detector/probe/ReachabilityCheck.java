package dev.revive.detector.probe;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.detector.domain.Reachability;
import dev.revive.detector.domain.Reachability.Connect;
import dev.revive.detector.domain.Reachability.Liveness;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeDrivers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The second path to a node whose probe failed: asks its node driver whether its process runs, and
 * opens (and closes at once) a TCP connection to its client port and, if it has one, its peer port,
 * each bounded by the connect timeout. Never throws.
 */
public final class ReachabilityCheck {

    private static final Logger LOG = Logger.getLogger(ReachabilityCheck.class);

    private final NodeDrivers drivers;
    private final int connectTimeoutMs;

    /**
     * @param drivers        where the node's driver is looked up
     * @param connectTimeout the bound of each TCP connect
     */
    public ReachabilityCheck(NodeDrivers drivers, Duration connectTimeout) {
        this.drivers = drivers;
        this.connectTimeoutMs = (int) Math.max(1, connectTimeout.toMillis());
    }

    /** What the second path finds about {@code node} now. */
    public Reachability check(NodeSpec node) {
        String peer = node.endpoints().peer();
        return new Reachability(liveness(node), connect(node.endpoints().client()), peer == null ? null : connect(peer));
    }

    private Liveness liveness(NodeSpec node) {
        Optional<NodeDriver> driver = drivers.find(node);
        if (driver.isEmpty()) {
            return Liveness.UNKNOWN;
        }
        try {
            return driver.get().inspect(node).running() ? Liveness.RUNNING : Liveness.NOT_RUNNING;
        } catch (RuntimeException e) {
            LOG.debugf("node %s: its driver cannot tell whether it runs: %s", node.id(), e);
            return Liveness.UNKNOWN;
        }
    }

    /** A TCP connect to the host and port of {@code url}. */
    Connect connect(String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), connectTimeoutMs);
            return Connect.OPEN;
        } catch (ConnectException e) {
            return Connect.REFUSED;
        } catch (SocketTimeoutException e) {
            return Connect.TIMEOUT;
        } catch (IOException | RuntimeException e) {
            LOG.debugf("TCP connect to %s failed: %s", url, e);
            return Connect.ERROR;
        }
    }
}
