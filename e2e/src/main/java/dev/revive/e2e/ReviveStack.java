package dev.revive.e2e;

import static dev.revive.e2e.Elapsed.since;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.trust.SignCommand;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.ZooKeeperEnsemble;
import dev.revive.testkit.ZooKeeperSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * All of Revive on one machine, on embedded defaults: a KRaft broker in this JVM, a one-member
 * coordination etcd, a target etcd cluster (three plain members unless a {@link TargetFixture} says otherwise), and
 * the four packaged services as child processes. Closing it stops everything it started, pass or fail.
 */
public final class ReviveStack implements AutoCloseable {

    /** The id of the target cluster in its spec. */
    public static final String CLUSTER_ID = "demo-etcd";
    /** The id of the ZooKeeper ensemble's spec (kind generic), when the stack has one. */
    public static final String ZOOKEEPER_ID = "demo-zookeeper";
    /** The id of the Redis target of a stack started with one ({@link #redis()}). */
    public static final String REDIS_ID = "demo-redis";
    /** The second executor's service name, when the stack runs two ({@link #startWithTwoExecutors}). */
    public static final String SECOND_EXECUTOR = "executor-2";
    /** The executors' lease TTL when the stack runs two: a paused lock holder loses its lock after this long. */
    public static final Duration TWO_EXECUTORS_LOCK_TTL = Duration.ofSeconds(4);
    /** The executors' consumer-group session timeout when the stack runs two (the broker's minimum). */
    public static final Duration TWO_EXECUTORS_SESSION_TIMEOUT = Duration.ofSeconds(6);

    private final Path runDir;
    private final String apiToken;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private KafkaBroker broker;
    private EtcdCluster coordination;
    private EtcdCluster target;
    private ZooKeeperEnsemble zookeeper;
    /** The data-collection targets (Kafka cluster and Connect cluster), when the stack was started with them. */
    private CollectionTargets collection;
    private boolean withCollection;
    private boolean withRedis;
    private RedisTarget redis;
    private ClusterSpec spec;
    private ClusterSpec zookeeperSpec;
    private EventLog events;
    /** The operator key of this run (generated at start): it signs the specs; every service trusts its public key. */
    private PrivateKey operatorKey;
    /** True when a second executor runs beside the first (same consumer group, own id and port). */
    private boolean twoExecutors;
    /** Properties a service gets besides {@link ServiceProperties}', by service name. */
    private Map<String, Map<String, String>> extraProperties = Map.of();
    /** True when the console runs too ({@link #startWithConsole}, {@link #startSecure}); others spare a fifth JVM. */
    private boolean withConsole;
    /** True when the broker runs with SASL_SSL, SCRAM and ACLs and each service (and the console) is a principal. */
    private boolean secure;
    /** Changes the target's spec before it is signed and written (identity unless {@link #startWithSpec} says). */
    private UnaryOperator<ClusterSpec> targetSpec = UnaryOperator.identity();
    /** Starts and describes the (first) target ({@link #startWithTarget}). */
    private TargetFixture targetFixture = PlainTarget.of(3);
    /** The spec of a target the caller started and owns ({@link #startWatching}); null when the stack starts one. */
    private ClusterSpec watchedSpec;
    /** Instances per service, target clusters and partitions ({@link StackLayout#SINGLE} unless scaled out). */
    private StackLayout layout = StackLayout.SINGLE;
    /** Every target cluster and its spec, in order; the first is {@link #target()} with {@link #spec()}. */
    private final List<EtcdCluster> targets = new ArrayList<>();
    private final List<ClusterSpec> specs = new ArrayList<>();

    private ReviveStack(Path runDir, String apiToken) {
        this.runDir = runDir;
        this.apiToken = apiToken;
    }

    /** Starts everything under {@code runDir}, reporting progress in words to {@code progress}. */
    public static ReviveStack start(Path repoRoot, Path runDir, Consumer<String> progress) throws Exception {
        return start(repoRoot, runDir, progress, false);
    }

    /** As {@link #start(Path, Path, Consumer)}, with a 3-node ZooKeeper ensemble registered as a generic cluster too. */
    public static ReviveStack start(Path repoRoot, Path runDir, Consumer<String> progress, boolean withZooKeeper)
            throws Exception {
        return start(repoRoot, runDir, progress, withZooKeeper, false);
    }

    /** As {@link #start(Path, Path, Consumer, boolean)}, with the data-collection system too when asked. */
    public static ReviveStack start(Path repoRoot, Path runDir, Consumer<String> progress, boolean withZooKeeper,
            boolean withCollection) throws Exception {
        return start(repoRoot, runDir, progress, withZooKeeper, withCollection, false);
    }

    /**
     * As {@link #start(Path, Path, Consumer, boolean, boolean)}, with a Redis primary and two replicas behind HAProxy
     * too ({@code withRedis}: {@link #redis()}, spec id {@link #REDIS_ID}).
     */
    public static ReviveStack start(Path repoRoot, Path runDir, Consumer<String> progress, boolean withZooKeeper,
            boolean withCollection, boolean withRedis) throws Exception {
        return launch(repoRoot, runDir, progress, withZooKeeper, stack -> {
            stack.withCollection = withCollection;
            stack.withRedis = withRedis;
        });
    }

    /**
     * As {@link #startWithConsole} with Kafka security on ({@link KafkaBroker#startSecure(Path)}): each service and the
     * console connect over SASL_SSL with SCRAM-SHA-512 as their own principal of {@link
     * dev.revive.contracts.kafka.TopicOwners}, limited by its ACLs, with their credentials in their environment.
     */
    public static ReviveStack startSecure(Path repoRoot, Path runDir, Consumer<String> progress) throws Exception {
        return launch(repoRoot, runDir, progress, false, stack -> {
            stack.secure = true;
            stack.withConsole = true;
        });
    }

    /**
     * As {@link #start(Path, Path, Consumer)}, with the target's spec changed by {@code customiser} before it is
     * signed and written (e.g. a smaller restart budget: {@link TargetSpecs#withRestartBudget}); other stacks keep
     * the demo policy.
     */
    public static ReviveStack startWithSpec(Path repoRoot, Path runDir, Consumer<String> progress,
            UnaryOperator<ClusterSpec> customiser) throws Exception {
        return launch(repoRoot, runDir, progress, false, stack -> stack.targetSpec = customiser);
    }

    /**
     * As {@link #start(Path, Path, Consumer)} with the target started and described by {@code fixture} (e.g.
     * {@code PlainTarget.of(5)}, or a {@link FencedTarget}).
     */
    public static ReviveStack startWithTarget(Path repoRoot, Path runDir, Consumer<String> progress,
            TargetFixture fixture) throws Exception {
        return launch(repoRoot, runDir, progress, false, stack -> stack.targetFixture = fixture);
    }

    /**
     * As {@link #start(Path, Path, Consumer)}, but Revive watches a target the caller started and owns (e.g. etcd
     * members as containers, a Redis target) instead of one the stack starts: {@code spec}, whatever its id, is signed
     * and written as it is. {@link #target()} is null then, and {@link #targets()} empty.
     */
    public static ReviveStack startWatching(Path repoRoot, Path runDir, Consumer<String> progress, ClusterSpec spec)
            throws Exception {
        return launch(repoRoot, runDir, progress, false, stack -> stack.watchedSpec = spec);
    }

    /**
     * Revive scaled out: {@code instancesPerService} instances of each service (named {@code detector-1},
     * {@code detector-2}, ...; see {@link StackLayout#perInstance} for what differs between them), every Revive
     * topic with {@code partitions} partitions, and {@code targetClusters} three-member target etcd clusters
     * ({@link #targets()}, ids from {@link StackLayout#clusterId}), every spec signed in the detectors' specs dir.
     */
    public static ReviveStack startScaledOut(Path repoRoot, Path runDir, Consumer<String> progress,
            int instancesPerService, int targetClusters, int partitions) throws Exception {
        StackLayout layout = new StackLayout(instancesPerService, targetClusters, partitions);
        return launch(repoRoot, runDir, progress, false, stack -> stack.layout = layout);
    }

    /**
     * As {@link #start(Path, Path, Consumer)} with the data-collection system too ({@link CollectionTargets}): a
     * three-node target Kafka cluster (spec {@link CollectionTargets#KAFKA_ID}, kind kafka) and two Connect workers
     * collecting a growing file through it (spec {@link CollectionTargets#COLLECTOR_ID}, kind kafka-connect).
     */
    public static ReviveStack startWithCollection(Path repoRoot, Path runDir, Consumer<String> progress)
            throws Exception {
        return launch(repoRoot, runDir, progress, false, stack -> stack.withCollection = true);
    }

    /**
     * As {@link #start(Path, Path, Consumer)}, with extra properties by service name (e.g. the fault storm's
     * {@link StormClusters#STACK_PROPERTIES}, or a tracing collector for every service).
     */
    public static ReviveStack startWithProperties(Path repoRoot, Path runDir, Consumer<String> progress,
            Map<String, Map<String, String>> byService) throws Exception {
        return launch(repoRoot, runDir, progress, false, stack -> stack.extraProperties = Map.copyOf(byService));
    }

    /** As {@link #start(Path, Path, Consumer)}, with the web console too: {@code service("console")}. */
    public static ReviveStack startWithConsole(Path repoRoot, Path runDir, Consumer<String> progress)
            throws Exception {
        return launch(repoRoot, runDir, progress, false, stack -> stack.withConsole = true);
    }

    /** Starts a stack with {@code options} applied before anything starts; closes what started if a start fails. */
    private static ReviveStack launch(Path repoRoot, Path runDir, Consumer<String> progress, boolean withZooKeeper,
            Consumer<ReviveStack> options) throws Exception {
        ReviveStack stack = new ReviveStack(runDir, "demo-" + UUID.randomUUID());
        options.accept(stack);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "revive-stack-stop"));
        try {
            stack.startInfrastructure(progress, withZooKeeper);
            stack.startServices(repoRoot, progress);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    public KafkaBroker broker() {
        return broker;
    }

    /**
     * As {@link #start(Path, Path, Consumer)} with two executors ({@code executor}, {@link #SECOND_EXECUTOR}): one
     * group, own ports, a short lease TTL and group session, so a paused executor's plan passes on within seconds.
     */
    public static ReviveStack startWithTwoExecutors(Path repoRoot, Path runDir, Consumer<String> progress)
            throws Exception {
        return launch(repoRoot, runDir, progress, false, stack -> stack.twoExecutors = true);
    }

    /** The target etcd cluster that Revive watches and repairs. */
    public EtcdCluster target() {
        return target;
    }

    /** The target members that are not the leader now. */
    public List<EtcdMember> followers() {
        EtcdMember leader = target.leader();
        return target.members().stream().filter(member -> member != leader).toList();
    }

    public ClusterSpec spec() {
        return spec;
    }

    /** Every target cluster, {@link #target()} first (one unless {@link #startScaledOut}). */
    public List<EtcdCluster> targets() {
        return List.copyOf(targets);
    }

    /** The spec of every target cluster, in the order of {@link #targets()}. */
    public List<ClusterSpec> specs() {
        return List.copyOf(specs);
    }

    /** The data-collection targets, when the stack was started with them ({@link #startWithCollection}). */
    public CollectionTargets collection() {
        return collection;
    }

    /** The Redis target, when the stack was started with one. */
    public RedisTarget redis() {
        return redis;
    }

    /** The ZooKeeper ensemble, when the stack was started with one. */
    public ZooKeeperEnsemble zookeeper() {
        return zookeeper;
    }

    public ClusterSpec zookeeperSpec() {
        return zookeeperSpec;
    }

    public EventLog events() {
        return events;
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** kill -9 of the service {@code name} (e.g. {@code executor}); returns once its process is gone. */
    public void kill(String name) throws InterruptedException {
        requireService(name).kill();
    }

    /**
     * kill -9 of the service {@code name} if it still runs, then the same service started again (same properties,
     * environment and HTTP port); returns once it is ready.
     */
    public void restart(String name) throws IOException, InterruptedException {
        ServiceProcess service = requireService(name);
        service.kill();
        service.relaunch();
        service.awaitReady(ServiceLauncher.READY_TIMEOUT);
    }

    private ServiceProcess requireService(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + " in this stack: " + services.keySet());
        }
        return service;
    }

    /** The bearer token of the detector's {@code POST /faults} and the planner's approval API. */
    public String apiToken() {
        return apiToken;
    }

    public Path runDir() {
        return runDir;
    }

    /** Stops everything it started, newest first; safe to call more than once (also runs on JVM exit). */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("revive: cannot stop " + started.get(i) + ": " + e);
            }
        }
        started.clear();
    }

    private void startInfrastructure(Consumer<String> progress, boolean withZooKeeper)
            throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        broker = track(StackBroker.start(runDir.resolve("kafka"), secure, layout, progress));
        long begin = System.nanoTime();
        coordination = track(EtcdCluster.start(1));
        spec = watchedSpec != null ? watchedSpec : startTarget(progress, begin);
        operatorKey = SignCommand.keygen(runDir.resolve("keys")).getPrivate();
        Path specFile = TargetSpecs.write(spec, runDir.resolve("specs"), operatorKey);
        progress.accept("cluster spec written to " + specFile);
        specs.add(spec);
        startMoreTargets(progress);
        if (withZooKeeper) {
            begin = System.nanoTime();
            zookeeper = track(ZooKeeperEnsemble.start(3));
            zookeeperSpec = TargetSpecs.withDemoPolicy(
                    ZooKeeperSpecs.describe(ZOOKEEPER_ID, zookeeper, runDir.resolve("zookeeper")));
            progress.accept("ZooKeeper ensemble " + zookeeper + " in " + since(begin) + ", spec written to "
                    + TargetSpecs.write(zookeeperSpec, runDir.resolve("specs"), operatorKey));
        }
        if (withCollection) {
            collection = track(CollectionTargets.start(runDir.resolve("collection"), runDir.resolve("specs"),
                    operatorKey, progress));
        }
        if (withRedis) {
            begin = System.nanoTime();
            redis = track(RedisTarget.start(REDIS_ID, runDir.resolve("redis")));
            progress.accept("Redis " + redis.cluster() + " behind HAProxy on " + redis.proxy().frontendPort() + " in "
                    + since(begin) + ", spec written to " + TargetSpecs.write(redis.spec(), runDir.resolve("specs"),
                    operatorKey));
        }
        events = track(StackBroker.events(broker));
    }

    /** Starts the (first) target with {@link #targetFixture} and returns its spec. */
    private ClusterSpec startTarget(Consumer<String> progress, long begin) {
        target = track(targetFixture.start());
        target.awaitLeader(EtcdCluster.LEADER_TIMEOUT);
        progress.accept("etcd: coordination " + coordination.endpoints() + ", target " + target.endpoints() + " in "
                + since(begin));
        targets.add(target);
        return targetSpec.apply(targetFixture.describe(CLUSTER_ID, target, runDir.resolve("target")));
    }

    /** The target clusters after the first one, each described, signed and written beside the first one's spec. */
    private void startMoreTargets(Consumer<String> progress) throws IOException {
        long begin = System.nanoTime();
        for (int index = 1; index < layout.targetClusters(); index++) {
            EtcdCluster cluster = track(EtcdCluster.start(3));
            cluster.awaitLeader(EtcdCluster.LEADER_TIMEOUT);
            ClusterSpec clusterSpec = targetSpec.apply(TargetSpecs.describe(layout.clusterId(index), cluster,
                    runDir.resolve("target-" + index)));
            TargetSpecs.write(clusterSpec, runDir.resolve("specs"), operatorKey);
            targets.add(cluster);
            specs.add(clusterSpec);
        }
        if (layout.targetClusters() > 1) {
            progress.accept((layout.targetClusters() - 1) + " more target clusters, specs signed, in " + since(begin));
        }
    }

    private void startServices(Path repoRoot, Consumer<String> progress) throws Exception {
        services.putAll(new ServiceLauncher(runDir, broker, secure, coordination.endpoints(), twoExecutors, withConsole,
                withCollection ? CollectionTargets.VERIFIER_SETTLE_TIME : layout.verifierSettleTime(), layout, apiToken)
                .startAll(repoRoot, progress, extraProperties, this::track));
    }

    private <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }
}
