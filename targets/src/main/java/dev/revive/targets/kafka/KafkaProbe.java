package dev.revive.targets.kafka;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.kind.NodeProbe;
import dev.revive.targets.kind.ProbeResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Probes one Kafka node: its broker listener accepts a connection (REFUSED when nothing listens, TIMEOUT when the
 * connection hangs), then an Admin client bootstrapped from that node alone sees it registered and not fenced in the
 * cluster (TIMEOUT when the Admin call hangs, FAILED when it is missing or fenced).
 */
public final class KafkaProbe implements NodeProbe {

    private final KafkaAdmins admins;
    private final KafkaMetadata metadata;

    public KafkaProbe(KafkaAdmins admins) {
        this.admins = admins;
        this.metadata = new KafkaMetadata(admins);
    }

    @Override
    public ProbeResult probe(ClusterSpec spec, NodeSpec node) {
        Optional<ProbeResult> unreachable = connect(node);
        if (unreachable.isPresent()) {
            return unreachable.get();
        }
        try {
            Map<Integer, KafkaState.Broker> brokers = metadata.brokers(admins.forNode(node));
            String hostPort = KafkaAdmins.hostPort(node);
            Optional<KafkaState.Broker> broker = brokers.values().stream()
                    .filter(candidate -> candidate.hostPort().equals(hostPort)).findFirst();
            if (broker.isEmpty()) {
                return ProbeResult.failed("broker at " + hostPort + " is not registered (registered: "
                        + brokers.values() + ")");
            }
            if (broker.get().fenced()) {
                return ProbeResult.failed("broker " + broker.get().id() + " at " + hostPort + " is fenced");
            }
            return ProbeResult.answered();
        } catch (TargetException e) {
            return e.kind() == TargetException.Kind.TIMEOUT ? ProbeResult.timedOut(e.getMessage())
                    : ProbeResult.failed(e.getMessage());
        }
    }

    private Optional<ProbeResult> connect(NodeSpec node) {
        URI uri = URI.create(node.endpoints().client());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), admins.timeoutMs());
            return Optional.empty();
        } catch (ConnectException e) {
            return Optional.of(ProbeResult.refused("nothing listens at " + uri + ": " + e.getMessage()));
        } catch (SocketTimeoutException e) {
            return Optional.of(ProbeResult.timedOut("no connection to " + uri + " within " + admins.callTimeout()));
        } catch (IOException e) {
            return Optional.of(ProbeResult.failed("cannot connect to " + uri + ": " + e));
        }
    }
}
