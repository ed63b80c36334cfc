package dev.revive.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the members of a new cluster and the argument list that starts each one. With certificates, members
 * serve clients on https only and require a client certificate signed by the CA ({@code --client-cert-auth});
 * peers stay on plain http, and {@code /health} and {@code /metrics} are served on a plain loopback metrics URL.
 */
public final class EtcdCommands {

    static final String HEARTBEAT_MS = "50";
    static final String ELECTION_TIMEOUT_MS = "500";

    private EtcdCommands() {
    }

    /**
     * {@code size} plain members of a new cluster on free loopback ports, each with its data dir and log file below
     * {@code directory} and a command that runs {@code binary}; nothing is started. The containers of
     * {@code dev.revive.testkit.containers} run the same commands (host network, the directory bind-mounted).
     */
    public static List<EtcdMember> members(Path binary, Path directory, int size) {
        return members(binary, directory, size, Optional.empty());
    }

    static List<EtcdMember> members(Path binary, Path directory, int size, Optional<TestCertificates> tls) {
        return members(binary, directory, size, tls, Optional.empty(), -1);
    }

    /**
     * Members of which the one at {@code isolated} runs inside {@code partition}'s namespace, serving clients and
     * peers on its isolated address; the others serve clients on loopback and peers on the host's address of the
     * pair, so that the isolated one reaches them until the partition is cut.
     */
    static List<EtcdMember> members(Path binary, Path directory, int size, NetworkPartition partition, int isolated) {
        if (isolated < 0 || isolated >= size) {
            throw new IllegalArgumentException("no member " + isolated + " in a cluster of " + size);
        }
        return members(binary, directory, size, Optional.empty(), Optional.of(partition), isolated);
    }

    private static List<EtcdMember> members(Path binary, Path directory, int size, Optional<TestCertificates> tls,
                                            Optional<NetworkPartition> partition, int isolated) {
        int perMember = tls.isPresent() ? 3 : 2;
        int[] ports = FreePorts.allocate(perMember * size);
        List<String> names = new ArrayList<>();
        List<EtcdMember.Address> clients = new ArrayList<>();
        List<EtcdMember.Address> peers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            names.add("m" + i);
            String clientHost = partition.isPresent() && i == isolated ? partition.get().isolatedAddress()
                : EtcdMember.LOOPBACK;
            String peerHost = partition.map(NetworkPartition::hostAddress).orElse(EtcdMember.LOOPBACK);
            clients.add(new EtcdMember.Address(clientHost, ports[perMember * i]));
            peers.add(new EtcdMember.Address(i == isolated ? clientHost : peerHost, ports[perMember * i + 1]));
        }
        String initialCluster = initialCluster(names, peers);
        String token = "revive-" + directory.getFileName();
        List<EtcdMember> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = names.get(i);
            int metricsPort = tls.isPresent() ? ports[perMember * i + 2] : 0;
            Path dataDir = directory.resolve(name + ".etcd");
            List<String> command = new ArrayList<>(command(binary, name, clients.get(i), peers.get(i), dataDir,
                initialCluster, token));
            int clientPort = clients.get(i).port();
            tls.ifPresent(certificates -> secure(command, certificates, clientPort, metricsPort));
            List<String> launchPrefix = i == isolated
                ? partition.map(NetworkPartition::launchPrefix).orElse(List.of()) : List.of();
            members.add(new EtcdMember(name, clients.get(i), peers.get(i), metricsPort, dataDir,
                directory.resolve(name + ".log"), command, launchPrefix));
        }
        return members;
    }

    private static String initialCluster(List<String> names, List<EtcdMember.Address> peers) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            entries.add(names.get(i) + "=" + peers.get(i).url());
        }
        return String.join(",", entries);
    }

    private static List<String> command(Path binary, String name, EtcdMember.Address client,
                                        EtcdMember.Address peer, Path dataDir, String initialCluster, String token) {
        return List.of(
            binary.toString(),
            "--name", name,
            "--data-dir", dataDir.toString(),
            "--listen-client-urls", client.url(),
            "--advertise-client-urls", client.url(),
            "--listen-peer-urls", peer.url(),
            "--initial-advertise-peer-urls", peer.url(),
            "--initial-cluster", initialCluster,
            "--initial-cluster-state", "new",
            "--initial-cluster-token", token,
            "--heartbeat-interval", HEARTBEAT_MS,
            "--election-timeout", ELECTION_TIMEOUT_MS,
            "--logger", "zap",
            "--log-outputs", "stderr");
    }

    /** Client URLs on https with client-certificate auth; health and metrics on plain http. */
    private static void secure(List<String> command, TestCertificates tls, int clientPort, int metricsPort) {
        String https = "https://127.0.0.1:" + clientPort;
        command.set(command.indexOf("--listen-client-urls") + 1, https);
        command.set(command.indexOf("--advertise-client-urls") + 1, https);
        command.addAll(List.of(
            "--client-cert-auth",
            "--trusted-ca-file", tls.caFile().toString(),
            "--cert-file", tls.serverCert().toString(),
            "--key-file", tls.serverKey().toString(),
            "--listen-metrics-urls", new EtcdMember.Address(EtcdMember.LOOPBACK, metricsPort).url()));
    }
}
