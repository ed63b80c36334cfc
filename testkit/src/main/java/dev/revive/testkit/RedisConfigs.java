package dev.revive.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes of a {@link RedisCluster} and the config file each one starts from. The file holds everything the node
 * needs, so that its command is only {@code [redis-server, <file>]}: port, loopback bind, its own {@code dir}, AOF
 * ({@code appendfsync everysec}, no RDB snapshots), its log file, {@code set-proc-title no} (the command line stays
 * what started it, which the process driver matches) and, for a replica, {@code replicaof} the first node. A node
 * restarted as a replica of another primary gets {@code --replicaof} on its command line, which overrides the file.
 */
final class RedisConfigs {

    /** Where redis-server is installed on the machines the kit runs on. */
    static final Path BINARY = Path.of("/usr/bin/redis-server");

    private RedisConfigs() {
    }

    /** Nodes {@code r1..r<1+replicas>}, r1 the primary, each in {@code <directory>/r<n>} with its config written. */
    static List<RedisNode> nodes(Path directory, int replicas, boolean debugCommand) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is not installed (apt-get install redis-server)");
        }
        int[] ports = FreePorts.allocate(replicas + 1);
        List<RedisNode> nodes = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            String id = "r" + (i + 1);
            Path nodeDir = directory.resolve(id);
            Path configFile = nodeDir.resolve("redis.conf");
            try {
                Files.createDirectories(nodeDir.resolve("data"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + nodeDir, e);
            }
            TempDirs.writeLines(configFile, config(ports[i], nodeDir, debugCommand, i == 0 ? 0 : ports[0]));
            nodes.add(new RedisNode(id, ports[i], nodeDir, configFile, List.of(BINARY.toString(),
                configFile.toString())));
        }
        return nodes;
    }

    /** The config of a node on {@code port} in {@code nodeDir}; a replica of {@code primaryPort} unless it is 0. */
    static List<String> config(int port, Path nodeDir, boolean debugCommand, int primaryPort) {
        List<String> lines = new ArrayList<>(List.of(
            "port " + port,
            "bind 127.0.0.1",
            "daemonize no",
            "dir " + nodeDir.resolve("data"),
            "logfile " + nodeDir.resolve("redis.log"),
            "set-proc-title no",
            "appendonly yes",
            "appendfsync everysec",
            "save \"\"",
            "repl-diskless-sync-delay 0",
            "enable-debug-command " + (debugCommand ? "local" : "no")));
        if (primaryPort != 0) {
            lines.add("replicaof 127.0.0.1 " + primaryPort);
        }
        return lines;
    }
}
