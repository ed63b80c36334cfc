package dev.revive.e2e;

import static dev.revive.e2e.Elapsed.since;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.TriageResponse;
import dev.revive.contracts.cluster.TriageRule;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.testkit.ConnectCluster;
import dev.revive.testkit.ConnectSpecs;
import dev.revive.testkit.KafkaTargetCluster;
import dev.revive.testkit.KafkaTargetSpecs;
import dev.revive.testkit.LineSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The data-collection system of a stack: a three-node KRaft Kafka cluster (a target, not Revive's own broker) and a
 * Kafka Connect cluster of two workers over it, with a FileStreamSource collecting a growing file into topic
 * {@link #TOPIC} (three partitions, replication factor 3, {@code min.insync.replicas=2}) and a FileStreamSink writing
 * it back out. A {@link LineSource} appends to the collected file throughout. Both clusters are described, signed and
 * written beside the stack's other specs, so the detector watches them from its start.
 */
public final class CollectionTargets implements AutoCloseable {

    /** The id of the Kafka cluster's spec (kind kafka). */
    public static final String KAFKA_ID = "demo-kafka";
    /** The id of the Connect cluster's spec (kind kafka-connect). */
    public static final String COLLECTOR_ID = "demo-collector";
    /** The topic the collector fills. */
    public static final String TOPIC = "collected";
    /** The source connector that collects {@link #sourceFile()} into {@link #TOPIC}. */
    public static final String SOURCE = "collect-source";
    /** The sink connector that writes {@link #TOPIC} to {@link #sinkFile()}. */
    public static final String SINK = "collect-sink";
    /**
     * How long the verifier re-checks a collector that is not CONSISTENT yet on a stack with these targets: the
     * throughput check can compare only once a whole window ({@link ConnectSpecs#THROUGHPUT_WINDOW}) has passed since
     * the restart, and then slides its window until it agrees; a CONSISTENT cluster is reported as soon as it is seen.
     */
    public static final Duration VERIFIER_SETTLE_TIME = Duration.ofSeconds(30);
    /** Lines appended to the collected file per second while the stack runs. */
    public static final int LINES_PER_SECOND = 20;

    private final KafkaTargetCluster kafka;
    private final ConnectCluster connect;
    private final LineSource lines;
    private final Path sourceFile;
    private final Path sinkFile;
    private final ClusterSpec kafkaSpec;
    private final ClusterSpec collectorSpec;

    private CollectionTargets(KafkaTargetCluster kafka, ConnectCluster connect, LineSource lines, Path sourceFile,
            Path sinkFile, ClusterSpec kafkaSpec, ClusterSpec collectorSpec) {
        this.kafka = kafka;
        this.connect = connect;
        this.lines = lines;
        this.sourceFile = sourceFile;
        this.sinkFile = sinkFile;
        this.kafkaSpec = kafkaSpec;
        this.collectorSpec = collectorSpec;
    }

    /**
     * Starts both clusters under {@code dir}, the connectors and the line source, and writes both specs signed with
     * {@code operatorKey} into {@code specsDir}. Closes what it started when a start fails.
     */
    public static CollectionTargets start(Path dir, Path specsDir, PrivateKey operatorKey, Consumer<String> progress)
            throws IOException {
        long begin = System.nanoTime();
        KafkaTargetCluster kafka = KafkaTargetCluster.start(3);
        ConnectCluster connect = null;
        LineSource lines = null;
        try {
            kafka.createTopic(TOPIC, 3);
            progress.accept("target Kafka cluster " + kafka.bootstrap() + " in " + since(begin));
            begin = System.nanoTime();
            connect = ConnectCluster.start(ConnectCluster.Settings.of(2, kafka.bootstrap(), 3));
            Path files = Files.createDirectories(dir.resolve("files"));
            Path source = files.resolve("collected.log");
            Path sink = files.resolve("delivered.log");
            lines = LineSource.start(source, LINES_PER_SECOND);
            connect.createFileSource(SOURCE, source, TOPIC);
            connect.createFileSink(SINK, TOPIC, sink);
            connect.awaitRunning(SOURCE);
            connect.awaitRunning(SINK);
            ClusterSpec kafkaSpec = TargetSpecs.withDemoPolicy(
                    KafkaTargetSpecs.describe(KAFKA_ID, kafka, dir.resolve("kafka")));
            ClusterSpec collectorSpec = withFailedTasksConfirmed(TargetSpecs.withDemoPolicy(
                    ConnectSpecs.describe(COLLECTOR_ID, connect, dir.resolve("collector"))));
            TargetSpecs.write(kafkaSpec, specsDir, operatorKey);
            TargetSpecs.write(collectorSpec, specsDir, operatorKey);
            progress.accept("Connect cluster " + connect + " collecting " + source + " into " + TOPIC + " in "
                    + since(begin));
            return new CollectionTargets(kafka, connect, lines, source, sink, kafkaSpec, collectorSpec);
        } catch (IOException | RuntimeException e) {
            closeQuietly(lines);
            closeQuietly(connect);
            closeQuietly(kafka);
            throw e;
        }
    }

    /**
     * {@code spec} with a row that confirms a failed task over the confirm window before its restart: a task that
     * failed on a file it could not read is restarted once the window shows the failure holds, by when an operator
     * (or the scenario) may have put the file back.
     */
    static ClusterSpec withFailedTasksConfirmed(ClusterSpec spec) {
        Policy policy = spec.policy();
        Policy confirming = new Policy(policy.mode(), policy.maxConcurrentDisruptions(), policy.restartBudget(),
                policy.verification(), List.of(new TriageRule(FaultKind.TASK_FAILED, null,
                        TriageResponse.CONFIRM_THEN_RESTART)), policy.confirmWindow());
        return spec.withPolicy(confirming);
    }

    public KafkaTargetCluster kafka() {
        return kafka;
    }

    public ConnectCluster connect() {
        return connect;
    }

    public ClusterSpec kafkaSpec() {
        return kafkaSpec;
    }

    public ClusterSpec collectorSpec() {
        return collectorSpec;
    }

    /** The file the collector reads. */
    public Path sourceFile() {
        return sourceFile;
    }

    /** The file the sink connector writes. */
    public Path sinkFile() {
        return sinkFile;
    }

    /** The writer of {@link #sourceFile()}. */
    public LineSource lines() {
        return lines;
    }

    /**
     * Waits until the collected file has been written for two throughput windows and a margin: the throughput check's
     * baseline is the window that ends one window before a fault's detection, and it must not begin before the first
     * line.
     */
    public void awaitThroughputBaseline() throws InterruptedException {
        Duration collecting = ConnectSpecs.THROUGHPUT_WINDOW.multipliedBy(2).plusSeconds(2);
        Polling.until("a throughput baseline of the collector", collecting.plusSeconds(5),
                () -> lines.startedAt().plus(collecting).isBefore(Instant.now()));
    }

    @Override
    public void close() {
        closeQuietly(lines);
        closeQuietly(connect);
        closeQuietly(kafka);
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("revive: cannot stop " + resource + ": " + e);
        }
    }
}
