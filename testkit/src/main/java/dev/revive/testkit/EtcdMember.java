package dev.revive.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
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
    private final String clientHost;
    private final String peerHost;
    private final List<String> launchPrefix;

    /** A member of a secure cluster when {@code metricsPort} is not 0: https for clients, metrics on http. */
    EtcdMember(String name, int clientPort, int peerPort, int metricsPort, Path dataDir, Path logFile,
               List<String> command) {
        this(name, new Address(LOOPBACK, clientPort), new Address(LOOPBACK, peerPort), metricsPort, dataDir, logFile,
            command, List.of());
    }

    /**
     * A member serving clients and peers on the given addresses, launched by this kit with {@code launchPrefix}
     * before its command (a prefix that execs the command, e.g. into a network namespace).
     */
    EtcdMember(String name, Address client, Address peer, int metricsPort, Path dataDir, Path logFile,
               List<String> command, List<String> launchPrefix) {
        super("etcd member", dataDir, logFile, command, dataDir);
        this.name = name;
        this.clientHost = client.host();
        this.clientPort = client.port();
        this.peerHost = peer.host();
        this.peerPort = peer.port();
        this.metricsPort = metricsPort;
        this.launchPrefix = List.copyOf(launchPrefix);
    }

    /** Where a member listens: an IPv4 address and a port. */
    record Address(String host, int port) {

        /** The http URL of this address. */
        String url() {
            return "http://" + host + ":" + port;
        }
    }

    static final String LOOPBACK = "127.0.0.1";

    /** The etcd member name ({@code --name}), e.g. {@code m0}. */
    @Override
    public String name() {
        return name;
    }

    /** The client URL, e.g. {@code http://127.0.0.1:40123} ({@code https} in a secure cluster). */
    public String clientUrl() {
        return secure() ? "https://" + clientHost + ":" + clientPort : new Address(clientHost, clientPort).url();
    }

    /** True when the member serves clients on https and requires a client certificate. */
    public boolean secure() {
        return metricsPort != 0;
    }

    /** Where {@code /health} (and, in a secure cluster, {@code /metrics}) answer on plain http. */
    String monitorUrl() {
        return secure() ? new Address(LOOPBACK, metricsPort).url() : new Address(clientHost, clientPort).url();
    }

    /** The peer (raft) URL. */
    public String peerUrl() {
        return new Address(peerHost, peerPort).url();
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

    @Override
    List<String> launchCommand() {
        List<String> launch = new ArrayList<>(launchPrefix);
        launch.addAll(command());
        return launch;
    }
}
