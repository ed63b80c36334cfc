package dev.revive.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * One member of an {@link EtcdCluster}: an {@code etcd} process with its own loopback ports, data
 * directory ({@code --data-dir}) and log file.
 *
 * <p>Running {@link #command()} again restarts the member on its data directory and it rejoins the
 * cluster. Processes of this member started elsewhere are found by the {@code --data-dir} argument.
 */
public final class EtcdMember extends ChildProcessNode {

    private final String name;
    private final int clientPort;
    private final int peerPort;
    private final int metricsPort;

    /** A member of a secure cluster when {@code metricsPort} is not 0: https for clients, metrics on http. */
    EtcdMember(String name, int clientPort, int peerPort, int metricsPort, Path dataDir, Path logFile,
               List<String> command) {
        super("etcd member", dataDir, logFile, command, dataDir);
        this.name = name;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
        this.metricsPort = metricsPort;
    }

    /** The etcd member name ({@code --name}), e.g. {@code m0}. */
    @Override
    public String name() {
        return name;
    }

    /** The client URL, e.g. {@code http://127.0.0.1:40123} ({@code https} in a secure cluster). */
    public String clientUrl() {
        return secure() ? "https://127.0.0.1:" + clientPort : url(clientPort);
    }

    /** True when the member serves clients on https and requires a client certificate. */
    public boolean secure() {
        return metricsPort != 0;
    }

    /** Where {@code /health} (and, in a secure cluster, {@code /metrics}) answer on plain http. */
    String monitorUrl() {
        return secure() ? url(metricsPort) : url(clientPort);
    }

    /** The peer (raft) URL. */
    public String peerUrl() {
        return url(peerPort);
    }

    @Override
    public String toString() {
        return "EtcdMember[" + name + " " + clientUrl() + "]";
    }

    /** Keeps this JVM's {@code ETCD_*} variables away from the member, so that only its command configures it. */
    @Override
    void prepareLaunch(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(key -> key.startsWith("ETCD_"));
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }
}
