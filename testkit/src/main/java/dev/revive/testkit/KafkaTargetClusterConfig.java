package dev.revive.testkit;

import dev.revive.runtimes.JvmSystems;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Writes each node of a {@link KafkaTargetCluster}: its {@code server.properties} (combined roles, static controller
 * quorum on loopback, replication factor 3 with {@code min.insync.replicas=2}, fast failure detection), its log
 * directory formatted with the cluster's one id, and the argument list that starts it.
 */
final class KafkaTargetClusterConfig {

    private static final String HEAP = "-Xmx320m";

    private KafkaTargetClusterConfig() {
    }

    static List<KafkaNode> nodes(Path directory, int size) {
        int[] ports = FreePorts.allocate(2 * size);
        String voters = IntStream.range(0, size)
            .mapToObj(i -> (i + 1) + "@" + KafkaBrokerConfig.HOST + ":" + ports[2 * i + 1])
            .collect(Collectors.joining(","));
        Path argFile = JvmSystems.writeArgFile(directory.resolve("kafka-classpath.args"));
        String clusterId = Uuid.randomUuid().toString();
        List<KafkaNode> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int nodeId = i + 1;
            Path home = directory.resolve("k" + nodeId);
            Path logDir = home.resolve("data");
            Path config = home.resolve("server.properties");
            Properties props = properties(nodeId, ports[2 * i], ports[2 * i + 1], voters, logDir, size);
            write(config, props);
            format(nodeId, clusterId, logDir);
            nodes.add(new KafkaNode(nodeId, ports[2 * i], ports[2 * i + 1], logDir, config,
                home.resolve("k" + nodeId + ".log"), command(argFile, config)));
        }
        return nodes;
    }

    static Properties properties(int nodeId, int brokerPort, int controllerPort, String voters, Path logDir,
                                 int size) {
        int replication = Math.min(3, size);
        int minInSync = Math.min(2, replication);
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", Integer.toString(nodeId));
        props.setProperty("controller.quorum.voters", voters);
        props.setProperty("controller.listener.names", KafkaBrokerConfig.CONTROLLER_LISTENER);
        props.setProperty("listeners", "PLAINTEXT://" + KafkaBrokerConfig.HOST + ":" + brokerPort + ","
            + KafkaBrokerConfig.CONTROLLER_LISTENER + "://" + KafkaBrokerConfig.HOST + ":" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + KafkaBrokerConfig.HOST + ":" + brokerPort);
        props.setProperty("listener.security.protocol.map",
            "PLAINTEXT:PLAINTEXT," + KafkaBrokerConfig.CONTROLLER_LISTENER + ":PLAINTEXT");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("log.dirs", logDir.toString());
        props.setProperty("default.replication.factor", Integer.toString(replication));
        props.setProperty("min.insync.replicas", Integer.toString(minInSync));
        props.setProperty("offsets.topic.replication.factor", Integer.toString(replication));
        props.setProperty("offsets.topic.num.partitions", "5");
        props.setProperty("transaction.state.log.replication.factor", Integer.toString(replication));
        props.setProperty("transaction.state.log.min.isr", Integer.toString(minInSync));
        props.setProperty("transaction.state.log.num.partitions", "5");
        props.setProperty("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
        props.setProperty("share.coordinator.state.topic.min.isr", Integer.toString(minInSync));
        props.setProperty("num.partitions", "1");
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        props.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        props.setProperty("num.network.threads", "2");
        props.setProperty("num.io.threads", "2");
        props.setProperty("background.threads", "2");
        props.setProperty("num.replica.fetchers", "1");
        props.setProperty("replica.lag.time.max.ms", "5000");
        props.setProperty("controlled.shutdown.enable", "true");
        props.setProperty("broker.session.timeout.ms", "4000");
        props.setProperty("broker.heartbeat.interval.ms", "500");
        props.setProperty("controller.quorum.election.timeout.ms", "1000");
        props.setProperty("controller.quorum.fetch.timeout.ms", "2000");
        props.setProperty("unclean.leader.election.enable", "false");
        return props;
    }

    private static List<String> command(Path argFile, Path config) {
        return List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            HEAP,
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=" + ZooKeeperConfigs.LOG_TIME_FORMAT,
            "@" + argFile,
            "kafka.Kafka",
            config.toString());
    }

    private static void format(int nodeId, String clusterId, Path logDir) {
        try {
            new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(nodeId)
                .setClusterId(clusterId)
                .setControllerListenerName(KafkaBrokerConfig.CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDir.toString())
                .addDirectory(logDir.toString())
                .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log dir " + logDir, e);
        }
    }

    private static void write(Path file, Properties props) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                props.store(out, "Revive test target Kafka node");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
