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
final class EtcdCommands {

    static final String HEARTBEAT_MS = "50";
    static final String ELECTION_TIMEOUT_MS = "500";

    private EtcdCommands() {
    }

    static List<EtcdMember> members(Path binary, Path directory, int size) {
        return members(binary, directory, size, Optional.empty());
    }

    static List<EtcdMember> members(Path binary, Path directory, int size, Optional<TestCertificates> tls) {
        int perMember = tls.isPresent() ? 3 : 2;
        int[] ports = FreePorts.allocate(perMember * size);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            names.add("m" + i);
        }
        String initialCluster = initialCluster(names, ports, perMember);
        String token = "revive-" + directory.getFileName();
        List<EtcdMember> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = names.get(i);
            int clientPort = ports[perMember * i];
            int peerPort = ports[perMember * i + 1];
            int metricsPort = tls.isPresent() ? ports[perMember * i + 2] : 0;
            Path dataDir = directory.resolve(name + ".etcd");
            List<String> command = new ArrayList<>(command(binary, name, clientPort, peerPort, dataDir,
                initialCluster, token));
            tls.ifPresent(certificates -> secure(command, certificates, clientPort, metricsPort));
            members.add(new EtcdMember(name, clientPort, peerPort, metricsPort, dataDir,
                directory.resolve(name + ".log"), command));
        }
        return members;
    }

    private static String initialCluster(List<String> names, int[] ports, int perMember) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            entries.add(names.get(i) + "=" + url(ports[perMember * i + 1]));
        }
        return String.join(",", entries);
    }

    private static List<String> command(Path binary, String name, int clientPort, int peerPort, Path dataDir,
                                        String initialCluster, String token) {
        return List.of(
            binary.toString(),
            "--name", name,
            "--data-dir", dataDir.toString(),
            "--listen-client-urls", url(clientPort),
            "--advertise-client-urls", url(clientPort),
            "--listen-peer-urls", url(peerPort),
            "--initial-advertise-peer-urls", url(peerPort),
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
            "--listen-metrics-urls", url(metricsPort)));
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }
}
