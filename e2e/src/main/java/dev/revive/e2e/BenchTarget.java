package dev.revive.e2e;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.ZooKeeperEnsemble;
import dev.revive.testkit.ZooKeeperNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One target cluster of the stack as the recovery benchmark breaks it: who leads and who follows, how a node is
 * killed and what is written while it is down, so that the restarted node has data to catch up on. Everything
 * else about a cycle (waiting for a whole cluster, the report, the hops) is the same for every kind and lives in
 * {@link RecoveryBenchmark}.
 */
interface BenchTarget extends AutoCloseable {

    String ETCD = "etcd";
    String ZOOKEEPER = "zookeeper";
    String KAFKA = KafkaBenchTarget.NAME;
    String COLLECTOR = CollectorBenchTarget.NAME;
    String REDIS = RedisBenchTarget.NAME;
    /** Every kind the benchmark breaks, by its {@code --kind} name, in the order it runs them. */
    List<String> KINDS = List.of(ETCD, ZOOKEEPER, KAFKA, COLLECTOR, REDIS);

    /** The target of {@code kind} on {@code stack}, ready for {@code cycles} outages. */
    static BenchTarget of(String kind, ReviveStack stack, int cycles) {
        return switch (kind) {
            case ETCD -> new Etcd(stack);
            case ZOOKEEPER -> new ZooKeeper(stack);
            case KAFKA -> new KafkaBenchTarget(stack, cycles);
            case COLLECTOR -> new CollectorBenchTarget(stack);
            case REDIS -> new RedisBenchTarget(stack);
            default -> throw new IllegalArgumentException("no benchmark target for kind " + kind);
        };
    }

    /** The {@code --kind} name. */
    String name();

    /** The cluster spec the detector watches. */
    ClusterSpec spec();

    /** The node id of the leader (waiting, bounded, for one). */
    String leader();

    /** The node ids of the nodes that do not lead now. */
    List<String> followers();

    /** Kills the node with SIGKILL and waits until its process has exited. */
    void kill(String nodeId);

    /** Writes to the cluster while a node is down; returns what it wrote, in words. */
    String writeDuringOutage(int cycle) throws InterruptedException;

    @Override
    void close();

    /** The target etcd cluster: 50 keys written during each outage. */
    final class Etcd implements BenchTarget {

        private static final int KEYS_PER_CYCLE = 50;

        private final ReviveStack stack;
        private final Workload workload;

        Etcd(ReviveStack stack) {
            this.stack = stack;
            this.workload = new Workload(stack.target().endpoints());
        }

        @Override
        public String name() {
            return ETCD;
        }

        @Override
        public ClusterSpec spec() {
            return stack.spec();
        }

        @Override
        public String leader() {
            return stack.target().leader().name();
        }

        @Override
        public List<String> followers() {
            return stack.followers().stream().map(EtcdMember::name).toList();
        }

        @Override
        public void kill(String nodeId) {
            EtcdCluster cluster = stack.target();
            cluster.kill(cluster.members().stream().filter(member -> member.name().equals(nodeId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no etcd member " + nodeId)));
        }

        @Override
        public String writeDuringOutage(int cycle) throws InterruptedException {
            return workload.write("bench/cycle-" + cycle, KEYS_PER_CYCLE) + " keys";
        }

        @Override
        public void close() {
            workload.close();
        }
    }

    /**
     * The ZooKeeper ensemble (kind generic): one znode written during each outage through ZooKeeper's own client,
     * retried while the ensemble elects a leader, until {@link #WRITE_DEADLINE}.
     */
    final class ZooKeeper implements BenchTarget {

        private static final Duration WRITE_DEADLINE = Duration.ofSeconds(30);

        private final ReviveStack stack;

        ZooKeeper(ReviveStack stack) {
            if (stack.zookeeper() == null) {
                throw new IllegalStateException("the stack was started without its ZooKeeper ensemble");
            }
            this.stack = stack;
        }

        @Override
        public String name() {
            return ZOOKEEPER;
        }

        @Override
        public ClusterSpec spec() {
            return stack.zookeeperSpec();
        }

        @Override
        public String leader() {
            return stack.zookeeper().leader().name();
        }

        @Override
        public List<String> followers() {
            return stack.zookeeper().followers().stream().map(ZooKeeperNode::name).toList();
        }

        @Override
        public void kill(String nodeId) {
            ZooKeeperEnsemble ensemble = stack.zookeeper();
            ensemble.kill(ensemble.nodes().stream().filter(node -> node.name().equals(nodeId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no ZooKeeper server " + nodeId)));
        }

        @Override
        public String writeDuringOutage(int cycle) throws InterruptedException {
            AtomicReference<RuntimeException> lastFailure = new AtomicReference<>();
            try {
                Polling.await("a znode written", WRITE_DEADLINE, () -> {
                    try {
                        stack.zookeeper().touch();
                        return Optional.of(Boolean.TRUE);
                    } catch (IllegalStateException | UncheckedIOException e) {
                        lastFailure.set(e);
                        return Optional.empty();
                    }
                });
            } catch (IllegalStateException e) {
                if (lastFailure.get() != null) {
                    e.addSuppressed(lastFailure.get());
                }
                throw e;
            }
            return "1 znode";
        }

        @Override
        public void close() {
            // the ensemble belongs to the stack
        }
    }
}
