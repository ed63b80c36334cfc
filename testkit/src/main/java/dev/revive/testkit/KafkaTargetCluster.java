package dev.revive.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster of N KRaft nodes as a <em>target</em> of Revive, each node a separate {@code kafka.Kafka}
 * JVM ({@link KafkaNode}) in combined broker and controller roles, on free loopback ports, all formatted with one
 * cluster id. Topics get replication factor 3 and {@code min.insync.replicas=2} (fewer on smaller clusters); the
 * nodes log through SLF4J's simple binding with ISO-8601 timestamps.
 *
 * <p>{@link #close()} (and a JVM shutdown hook) kills every process whose arguments mention the cluster's
 * directory, including nodes restarted by other processes, and deletes the directory.
 */
public final class KafkaTargetCluster implements AutoCloseable {

    /** How long {@link #start(int)} waits until every broker is registered and unfenced. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** How long the waits of this fixture wait by default. */
    public static final Duration WAIT_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTargetCluster.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final ProcessGroup<KafkaNode> group;
    private volatile Duration startedIn = Duration.ZERO;
    private Admin admin;

    private KafkaTargetCluster(ProcessGroup<KafkaNode> group) {
        this.group = group;
    }

    /**
     * Starts {@code size} nodes and waits until every broker is registered and unfenced and the quorum has a leader.
     *
     * @throws IllegalStateException if the cluster does not get there within {@link #START_TIMEOUT}; nothing is left
     *     behind in that case
     */
    public static KafkaTargetCluster start(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, got " + size);
        }
        ProcessGroup<KafkaNode> group = ProcessGroup.open("revive-kafka-target-",
            directory -> KafkaTargetClusterConfig.nodes(directory, size), POLL_INTERVAL, "kafka-target-cleanup");
        KafkaTargetCluster cluster = new KafkaTargetCluster(group);
        try {
            cluster.startedIn = group.launchAll(() -> cluster.awaitBrokersUnfenced(START_TIMEOUT));
        } catch (RuntimeException e) {
            cluster.closeAdmin();
            throw e;
        }
        Duration took = cluster.startedIn;
        LOG.info("Kafka target cluster of {} serving in {} ms: {}", size, took.toMillis(), cluster.nodes());
        return cluster;
    }

    /** How long {@link #start(int)} took, from launching the processes until every broker was unfenced. */
    public Duration startedIn() {
        return startedIn;
    }

    /** The directory holding every node's log dir, config and log file. */
    public Path directory() {
        return group.directory();
    }

    /** Every node, in node id order. */
    public List<KafkaNode> nodes() {
        return group.nodes();
    }

    /** The node at {@code index} (0-based; its node id is index + 1). */
    public KafkaNode node(int index) {
        return group.nodes().get(index);
    }

    /** The node with Kafka node id {@code nodeId}. */
    public KafkaNode nodeById(int nodeId) {
        return nodes().stream().filter(node -> node.nodeId() == nodeId).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId + " in " + nodes()));
    }

    /** Every broker as a {@code bootstrap.servers} value. */
    public String bootstrap() {
        return nodes().stream().map(KafkaNode::bootstrap).collect(Collectors.joining(","));
    }

    /** The fixture's own Admin client (bounded default timeouts); closed by {@link #close()}. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
        }
        return admin;
    }

    /** Kills the node with SIGKILL and waits until its processes have exited. */
    public void kill(KafkaNode node) {
        group.kill(node);
    }

    /** Stops the node with SIGTERM (a controlled shutdown), SIGKILL if it does not exit in time. */
    public void stop(KafkaNode node) {
        group.stop(node);
    }

    /** Starts a stopped node again with its {@link KafkaNode#command()}; returns once the process runs. */
    public void restart(KafkaNode node) {
        group.restart(node);
    }

    /** The node that is the active controller (the quorum's leader), waiting up to {@link #WAIT_TIMEOUT}. */
    public KafkaNode activeController() {
        return group.awaitFound(WAIT_TIMEOUT, this::findActiveController, "no active Kafka controller");
    }

    /** The active controller right now, if the quorum has a leader that answers. */
    public Optional<KafkaNode> findActiveController() {
        try {
            int leader = admin().describeMetadataQuorum().quorumInfo()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).leaderId();
            return nodes().stream().filter(node -> node.nodeId() == leader).findFirst();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            throw Interrupts.propagate("interrupted while asking for the active controller", e);
        }
    }

    /** The nodes other than the active controller. */
    public List<KafkaNode> followers() {
        KafkaNode controller = activeController();
        return nodes().stream().filter(node -> node != controller).collect(Collectors.toList());
    }

    /**
     * Creates a topic with replication factor min(3, nodes) and {@code min.insync.replicas} 2 (fewer on smaller
     * clusters), and waits until every partition has a leader and a full ISR.
     */
    public void createTopic(String name, int partitions) {
        int replication = Math.min(3, nodes().size());
        NewTopic topic = new NewTopic(name, partitions, (short) replication)
            .configs(Map.of("min.insync.replicas", Integer.toString(Math.min(2, replication))));
        try {
            admin().createTopics(List.of(topic)).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        } catch (InterruptedException e) {
            throw Interrupts.propagate("interrupted while creating topic " + name, e);
        }
        awaitNoUnderReplicated(WAIT_TIMEOUT);
    }

    /** Waits until every running broker is registered and unfenced. */
    public void awaitBrokersUnfenced(Duration timeout) {
        group.awaitNone(timeout, () -> {
            Set<Integer> unfenced = unfencedBrokers();
            return group.runningFailing(node -> unfenced.contains(node.nodeId()));
        }, "Kafka brokers not registered and unfenced");
    }

    /** Waits until every node runs, every broker is unfenced and no partition of any topic is under-replicated. */
    public void awaitNoUnderReplicated(Duration timeout) {
        group.awaitNone(timeout, () -> {
            Set<Integer> unfenced = unfencedBrokers();
            if (!unfenced.containsAll(nodes().stream().map(KafkaNode::nodeId).toList())) {
                return group.failing(node -> unfenced.contains(node.nodeId()));
            }
            return underReplicatedReplicas();
        }, "Kafka partitions under-replicated");
    }

    /** As {@link #awaitNoUnderReplicated(Duration)} with {@link #WAIT_TIMEOUT}. */
    public void awaitNoUnderReplicated() {
        awaitNoUnderReplicated(WAIT_TIMEOUT);
    }

    /** Kills every process of the cluster, wherever it was started, and deletes the directory. */
    @Override
    public void close() {
        try {
            closeAdmin();
        } finally {
            group.close();
        }
    }

    @Override
    public String toString() {
        return "KafkaTargetCluster" + nodes();
    }

    private synchronized void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }

    private Set<Integer> unfencedBrokers() {
        try {
            return admin().describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                .filter(node -> !node.isFenced()).map(Node::id).collect(Collectors.toSet());
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return Set.of();
        } catch (InterruptedException e) {
            throw Interrupts.propagate("interrupted while describing the Kafka cluster", e);
        }
    }

    /** The nodes that some partition's ISR lacks; every node when the topics cannot be described. */
    private List<KafkaNode> underReplicatedReplicas() {
        try {
            Set<String> names = admin().listTopics(new ListTopicsOptions()
                .listInternal(true)).names().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, TopicDescription> topics = admin().describeTopics(names).allTopicNames()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Set<Integer> lacking = topics.values().stream().flatMap(topic -> topic.partitions().stream())
                .flatMap(KafkaTargetCluster::outOfSync).collect(Collectors.toSet());
            return nodes().stream().filter(node -> lacking.contains(node.nodeId())).collect(Collectors.toList());
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return nodes();
        } catch (InterruptedException e) {
            throw Interrupts.propagate("interrupted while describing Kafka topics", e);
        }
    }

    private static Stream<Integer> outOfSync(TopicPartitionInfo partition) {
        Set<Integer> inSync = partition.isr().stream().map(Node::id).collect(Collectors.toSet());
        return partition.replicas().stream().map(Node::id).filter(id -> !inSync.contains(id));
    }
}
