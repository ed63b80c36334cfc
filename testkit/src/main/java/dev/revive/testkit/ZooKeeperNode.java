package dev.revive.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * One server of a {@link ZooKeeperEnsemble}: a {@code QuorumPeerMain} JVM with its own loopback ports, data
 * directory (snapshots, transaction logs, {@code myid}), config file and log file.
 *
 * <p>Running {@link #command()} again restarts the server on its data directory and it rejoins the ensemble.
 * Processes of this server started elsewhere are found by the config file argument.
 */
public final class ZooKeeperNode extends ChildProcessNode {

    private final int myid;
    private final int clientPort;
    private final Path configFile;

    ZooKeeperNode(int myid, int clientPort, Path dataDir, Path configFile, Path logFile, List<String> command) {
        super("ZooKeeper server", dataDir, logFile, command, configFile);
        this.myid = myid;
        this.clientPort = clientPort;
        this.configFile = configFile;
    }

    /** The node id in specs, e.g. {@code z1}. */
    @Override
    public String name() {
        return "z" + myid;
    }

    /** The server id ({@code myid}). */
    public int myid() {
        return myid;
    }

    /** The client port on 127.0.0.1 (four-letter words are answered there). */
    public int clientPort() {
        return clientPort;
    }

    /** The client endpoint as a URL, e.g. {@code tcp://127.0.0.1:40123}. */
    public String clientUrl() {
        return "tcp://127.0.0.1:" + clientPort;
    }

    /** The server's config file. */
    public Path configFile() {
        return configFile;
    }

    @Override
    public String toString() {
        return "ZooKeeperNode[" + name() + " 127.0.0.1:" + clientPort + "]";
    }

    /** Runs the server in its own home directory, the parent of its data directory. */
    @Override
    void prepareLaunch(ProcessBuilder builder) {
        builder.directory(dataDir().getParent().toFile());
    }
}
