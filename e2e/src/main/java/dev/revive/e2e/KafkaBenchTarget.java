package dev.revive.e2e;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.testkit.KafkaNode;
import dev.revive.testkit.KafkaTargetCluster;
import dev.revive.testkit.KafkaWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The target Kafka cluster of a stack started with {@link ReviveStack#startWithCollection} (kind kafka): the active
 * controller leads, the other nodes follow, a node is killed with SIGKILL, and during each outage an idempotent
 * writer ({@code acks=all}) writes {@link #RECORDS_PER_CYCLE} records to the cycle's own topic and reads them back
 * exactly once. The topics (one partition, replication factor 3, {@code min.insync.replicas} 2) are created up front
 * while the cluster is whole: with a broker down, a topic of replication factor 3 cannot be created.
 */
final class KafkaBenchTarget implements BenchTarget {

    /** The {@code --kind} name. */
    static final String NAME = "kafka";

    private static final int RECORDS_PER_CYCLE = 50;
    private static final Duration WRITE_DEADLINE = Duration.ofSeconds(30);
    private static final Duration PACE = Duration.ofMillis(5);

    private final CollectionTargets collection;
    private final int cycles;

    /** The target of {@code stack}, with a topic for each of {@code cycles} outages. */
    KafkaBenchTarget(ReviveStack stack, int cycles) {
        if (stack.collection() == null) {
            throw new IllegalStateException("the stack was started without its data-collection system");
        }
        this.collection = stack.collection();
        this.cycles = cycles;
        createTopics();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ClusterSpec spec() {
        return collection.kafkaSpec();
    }

    @Override
    public String leader() {
        return kafka().activeController().name();
    }

    @Override
    public List<String> followers() {
        return kafka().followers().stream().map(KafkaNode::name).toList();
    }

    @Override
    public void kill(String nodeId) {
        kafka().kill(kafka().nodes().stream().filter(node -> node.name().equals(nodeId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Kafka node " + nodeId)));
    }

    /**
     * Writes {@link #RECORDS_PER_CYCLE} acknowledged records to the cycle's topic (bounded by {@link #WRITE_DEADLINE})
     * and reads them back.
     *
     * @throws IllegalStateException if the records are not all acknowledged in time, or not all there exactly once
     */
    @Override
    public String writeDuringOutage(int cycle) throws InterruptedException {
        if (cycle < 1 || cycle > cycles) {
            throw new IllegalArgumentException("cycle " + cycle + " has no topic; topics were made for " + cycles);
        }
        String topic = topic(cycle);
        KafkaWriter writer = KafkaWriter.start(kafka().bootstrap(), topic, PACE);
        try {
            Polling.until(RECORDS_PER_CYCLE + " records acknowledged on " + topic, WRITE_DEADLINE,
                    () -> writer.acknowledged() >= RECORDS_PER_CYCLE);
        } finally {
            writer.close();
        }
        KafkaWriter.Counts counts = writer.verifyExactlyOnce();
        if (!counts.exactlyOnce()) {
            throw new IllegalStateException("records written during the outage not there exactly once: " + counts);
        }
        return counts.acknowledged() + " records (found " + counts.found() + ", " + counts.duplicates()
                + " duplicates)";
    }

    @Override
    public void close() {
        // the cluster belongs to the stack
    }

    private KafkaTargetCluster kafka() {
        return collection.kafka();
    }

    private static String topic(int cycle) {
        return "bench-cycle-" + cycle;
    }

    /** One admin call for every cycle's topic, then a wait until each partition is fully in sync. */
    private void createTopics() {
        List<NewTopic> topics = IntStream.rangeClosed(1, cycles).mapToObj(cycle -> new NewTopic(topic(cycle), 1,
                (short) 3).configs(Map.of("min.insync.replicas", "2"))).toList();
        try {
            kafka().admin().createTopics(topics).all().get(WRITE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the benchmark's topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the benchmark's topics", e);
        }
        kafka().awaitNoUnderReplicated();
    }
}
