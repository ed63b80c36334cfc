package dev.revive.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * One node of a {@link RedisCluster}: a {@code redis-server} child process on its own loopback port, started with
 * its config file alone ({@code [/usr/bin/redis-server, <node dir>/redis.conf]}), so that running {@link #command()}
 * again (from this JVM or an executor's process driver) restarts it on its data. Its processes are found by the
 * config file argument ({@code set-proc-title no} keeps the command line as started).
 */
public final class RedisNode extends ChildProcessNode {

    private final String id;
    private final int port;
    private final Path nodeDir;
    private final Path configFile;

    RedisNode(String id, int port, Path nodeDir, Path configFile, List<String> command) {
        super("redis node", nodeDir.resolve("data"), nodeDir.resolve("redis.log"), command, configFile);
        this.id = id;
        this.port = port;
        this.nodeDir = nodeDir;
        this.configFile = configFile;
    }

    /** The node id in specs, e.g. {@code r1}. */
    @Override
    public String name() {
        return id;
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The client endpoint, e.g. {@code redis://127.0.0.1:40123}. */
    public String endpoint() {
        return "redis://127.0.0.1:" + port;
    }

    /** The node's own directory: its config file, its data dir ({@code data}, Redis' {@code dir}) and its log. */
    public Path nodeDir() {
        return nodeDir;
    }

    /** The node's config file. */
    public Path configFile() {
        return configFile;
    }

    @Override
    public String toString() {
        return "RedisNode[" + id + " 127.0.0.1:" + port + "]";
    }

    @Override
    void prepareLaunch(ProcessBuilder builder) {
        builder.directory(nodeDir.toFile());
    }
}
