package dev.revive.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * One node of a {@link KafkaTargetCluster}: a {@code kafka.Kafka} JVM in combined broker and controller roles with
 * its own loopback ports (broker listener, controller listener), log directory, {@code server.properties} and log
 * file.
 *
 * <p>Running {@link #command()} again restarts the node on its log directory and it rejoins the cluster. Processes
 * of this node started elsewhere are found by its {@code server.properties} argument.
 */
public final class KafkaNode extends ChildProcessNode {

    private final int nodeId;
    private final int brokerPort;
    private final int controllerPort;
    private final Path configFile;

    KafkaNode(int nodeId, int brokerPort, int controllerPort, Path logDir, Path configFile, Path logFile,
              List<String> command) {
        super("Kafka node", logDir, logFile, command, configFile);
        this.nodeId = nodeId;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.configFile = configFile;
    }

    /** The node id in specs, e.g. {@code k1}. */
    @Override
    public String name() {
        return "k" + nodeId;
    }

    /** Kafka's {@code node.id} (broker id and controller id). */
    public int nodeId() {
        return nodeId;
    }

    /** The broker (client) port on 127.0.0.1. */
    public int brokerPort() {
        return brokerPort;
    }

    /** The controller (KRaft quorum) port on 127.0.0.1. */
    public int controllerPort() {
        return controllerPort;
    }

    /** {@code 127.0.0.1:<broker port>}, this node alone as a {@code bootstrap.servers} value. */
    public String bootstrap() {
        return KafkaBrokerConfig.HOST + ":" + brokerPort;
    }

    /** The broker endpoint as a URL, e.g. {@code tcp://127.0.0.1:40123}. */
    public String clientUrl() {
        return "tcp://" + bootstrap();
    }

    /** The controller endpoint as a URL, e.g. {@code tcp://127.0.0.1:40124}. */
    public String controllerUrl() {
        return "tcp://" + KafkaBrokerConfig.HOST + ":" + controllerPort;
    }

    /** The node's {@code server.properties}. */
    public Path configFile() {
        return configFile;
    }

    @Override
    public String toString() {
        return "KafkaNode[" + name() + " " + bootstrap() + "]";
    }

    /** Runs the node in its own home directory, the parent of its log directory. */
    @Override
    void prepareLaunch(ProcessBuilder builder) {
        builder.directory(dataDir().getParent().toFile());
    }
}
