package dev.revive.e2e;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.trust.SignCommand;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.SigningKeys;
import dev.revive.contracts.trust.SpecHeaders;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.SharedMachine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The 50 registered clusters of the fault storm: five real three-member etcd clusters (the stack's target and four
 * more started here) and 45 "paper" clusters, registered like any other but with no process behind their nodes,
 * because the storm never gives Revive a reason to act on them. Closing it stops the etcd clusters it started.
 */
public final class StormClusters implements AutoCloseable {

    /** How many clusters the storm registers in all. */
    public static final int CLUSTERS = 50;
    /** How many of them are real etcd clusters (the stack's target included). */
    public static final int REAL = 5;
    private static final String PAPER_PREFIX = "storm-paper-";
    /**
     * The storm stack's properties ({@link ReviveStack#startWithProperties}): its "paper" clusters, registered on the
     * topic with no process behind their nodes, are not probed (the detector's {@code follow-registrations} off).
     */
    public static final Map<String, Map<String, String>> STACK_PROPERTIES = Map.of("detector",
            Map.of("revive.detector.follow-registrations", "false"));

    /**
     * A real cluster and the member the storm kills.
     *
     * @param spec     its registered spec
     * @param cluster  its processes
     * @param victim   the member killed during the storm
     * @param detected true for the stack's target, whose PROCESS_DOWN comes from Revive's detector; the others get
     *                 theirs from an "external monitor" (the storm itself), since the storm's detector only probes
     *                 its specs dir ({@link #STACK_PROPERTIES})
     */
    public record Real(ClusterSpec spec, EtcdCluster cluster, EtcdMember victim, boolean detected) {

        /** The members the storm never kills. */
        public List<EtcdMember> healthy() {
            return cluster.members().stream().filter(member -> member != victim).toList();
        }
    }

    private final List<Real> real;
    private final List<ClusterSpec> paper;
    private final List<EtcdCluster> started;

    private StormClusters(List<Real> real, List<ClusterSpec> paper, List<EtcdCluster> started) {
        this.real = List.copyOf(real);
        this.paper = List.copyOf(paper);
        this.started = started;
    }

    /** Starts the four extra etcd clusters next to {@code stack} and describes all 50 clusters. */
    public static StormClusters start(ReviveStack stack, Consumer<String> progress) {
        List<Real> real = new ArrayList<>();
        List<EtcdCluster> started = new ArrayList<>();
        real.add(new Real(stack.spec(), stack.target(), follower(stack.target()), true));
        try {
            for (int i = 1; i < REAL; i++) {
                EtcdCluster cluster = EtcdCluster.start(3);
                started.add(cluster);
                cluster.awaitLeader(EtcdCluster.LEADER_TIMEOUT);
                ClusterSpec spec = TargetSpecs.describe("storm-etcd-" + i, cluster,
                        stack.runDir().resolve("storm").resolve("etcd-" + i));
                real.add(new Real(spec, cluster, follower(cluster), false));
            }
        } catch (RuntimeException | Error e) {
            started.forEach(EtcdCluster::close);
            throw e;
        }
        List<ClusterSpec> paper = new ArrayList<>();
        for (int i = 1; i <= CLUSTERS - REAL; i++) {
            paper.add(paperSpec(String.format("%s%02d", PAPER_PREFIX, i), 3 + i % 5,
                    stack.runDir().resolve("storm").resolve("paper")));
        }
        progress.accept("storm: " + REAL + " real etcd clusters and " + paper.size() + " paper clusters described");
        return new StormClusters(real, paper, started);
    }

    public List<Real> real() {
        return real;
    }

    public List<ClusterSpec> paper() {
        return paper;
    }

    /** Every registered spec: the real ones first. */
    public List<ClusterSpec> all() {
        List<ClusterSpec> all = new ArrayList<>(real.stream().map(Real::spec).toList());
        all.addAll(paper);
        return all;
    }

    /** The real cluster with this id, if it is one. */
    public Optional<Real> realCluster(String clusterId) {
        return real.stream().filter(cluster -> cluster.spec().id().equals(clusterId)).findFirst();
    }

    /**
     * Publishes every spec the stack's detector does not (all but its target's) to {@code revive.clusters}, signed
     * with the stack's operator key, as an operator's tooling would; returns once the broker has them.
     */
    public void register(ReviveStack stack, Producer<byte[], byte[]> producer) throws IOException {
        PrivateKey key = operatorKey(stack.runDir());
        for (ClusterSpec spec : all()) {
            if (!spec.id().equals(stack.spec().id())) {
                SignedSpec signed = SignedSpec.sign(spec, key);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.CLUSTERS.name(),
                        spec.id().getBytes(StandardCharsets.UTF_8), signed.bytes());
                SpecHeaders.write(record.headers(), signed);
                producer.send(record);
            }
        }
        producer.flush();
    }

    @Override
    public void close() {
        started.forEach(EtcdCluster::close);
    }

    /** The stack's operator key, generated by {@link ReviveStack} into its run directory; every service trusts it. */
    private static PrivateKey operatorKey(Path runDir) throws IOException {
        return SigningKeys.privateKey(Files.readString(runDir.resolve("keys").resolve(SignCommand.PRIVATE_FILE),
                StandardCharsets.US_ASCII));
    }

    private static EtcdMember follower(EtcdCluster cluster) {
        EtcdMember leader = cluster.awaitLeader(EtcdCluster.LEADER_TIMEOUT);
        return cluster.members().stream().filter(member -> member != leader).findFirst().orElseThrow();
    }

    /** A cluster registered like any other whose nodes have no process: nothing in the storm asks to act on it. */
    private static ClusterSpec paperSpec(String id, int size, Path workDir) {
        List<NodeSpec> nodes = new ArrayList<>();
        for (int n = 1; n <= size; n++) {
            String node = id + "-n" + n;
            Path nodeDir = workDir.resolve(id).resolve(node);
            ProcessControl control = new ProcessControl(List.of("/bin/false", node), nodeDir.toString(), Map.of(),
                    nodeDir.resolve(node + ".pid").toString(), nodeDir.resolve(node + ".log").toString(),
                    Duration.ofSeconds(5));
            Endpoints endpoints = new Endpoints("http://127.0.0.1:" + (10 + 2 * n), "http://127.0.0.1:" + (11 + 2 * n));
            nodes.add(new NodeSpec(node, NodeRole.MEMBER, endpoints, control, nodeDir.resolve("data").toString(),
                    List.of(), List.of()));
        }
        return TargetSpecs.withDemoPolicy(new ClusterSpec(id, SystemKind.ETCD, nodes, null,
                new BackupLocation(workDir.resolve(id).resolve("backups").toString()), List.of(),
                SharedMachine.DETECTION));
    }
}
