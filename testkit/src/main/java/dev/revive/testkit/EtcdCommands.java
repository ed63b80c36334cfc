package dev.revive.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the members of a new cluster and the argument list that starts each one. */
final class EtcdCommands {

    static final String HEARTBEAT_MS = "50";
    static final String ELECTION_TIMEOUT_MS = "500";

    private EtcdCommands() {
    }

    static List<EtcdMember> members(Path binary, Path directory, int size) {
        int[] ports = FreePorts.allocate(2 * size);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            names.add("m" + i);
        }
        String initialCluster = initialCluster(names, ports);
        String token = "revive-" + directory.getFileName();
        List<EtcdMember> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = names.get(i);
            int clientPort = ports[2 * i];
            int peerPort = ports[2 * i + 1];
            Path dataDir = directory.resolve(name + ".etcd");
            List<String> command = command(binary, name, clientPort, peerPort, dataDir, initialCluster, token);
            members.add(new EtcdMember(name, clientPort, peerPort, dataDir, directory.resolve(name + ".log"), command));
        }
        return members;
    }

    private static String initialCluster(List<String> names, int[] ports) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            entries.add(names.get(i) + "=" + url(ports[2 * i + 1]));
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

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }
}
