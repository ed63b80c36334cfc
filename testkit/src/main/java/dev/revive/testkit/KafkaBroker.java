package dev.revive.testkit;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft, combined broker and controller) running inside this
 * JVM, listening on free loopback ports.
 *
 * <p>The broker is sized for tests: one replica, small internal topics, no auto-created topics,
 * and transactions work out of the box. {@link #restart()} keeps the log directory and the ports,
 * so committed data survives it. {@link #close()} stops the broker and deletes its directory when
 * the kit created it.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final Path directory;
    private final boolean ownsDirectory;
    private final int port;
    private final KafkaConfig config;
    private final KafkaSecurity security;
    private KafkaRaftServer server;

    private KafkaBroker(Path directory, boolean ownsDirectory, boolean secure) {
        int[] ports = FreePorts.allocate(2);
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
        this.port = ports[0];
        this.security = secure ? KafkaSecurity.generate(directory.resolve("tls")) : null;
        Properties props = KafkaBrokerConfig.forNode(directory.resolve("logs"), ports[0], ports[1]);
        if (secure) {
            props.putAll(security.serverProperties(ports[0], ports[1]));
        }
        this.config = KafkaConfig.fromProps(props, false);
    }

    /** Starts a broker in a fresh temp directory that {@link #close()} deletes. */
    public static KafkaBroker start() {
        return startIn(TempDirs.create("revive-kafka-"), true, false);
    }

    /** Starts a broker on {@code directory}, formatting it unless it already holds a broker's logs. */
    public static KafkaBroker start(Path directory) {
        return startIn(directory, false, false);
    }

    /**
     * Starts a broker with security on, in a fresh temp directory that {@link #close()} deletes: clients connect
     * over SASL_SSL with SCRAM-SHA-512 as one of {@link KafkaSecurity#users()}, the standard authorizer denies
     * what no ACL allows, and the ACLs of {@link dev.revive.contracts.kafka.TopicOwners} are in place.
     * {@link #clientSettings(String)} gives each user's client settings.
     */
    public static KafkaBroker startSecure() {
        return startIn(TempDirs.create("revive-kafka-"), true, true);
    }

    /** As {@link #startSecure()}, on {@code directory} (kept at close), formatting it unless it holds a broker. */
    public static KafkaBroker startSecure(Path directory) {
        return startIn(directory, false, true);
    }

    private static KafkaBroker startIn(Path directory, boolean ownsDirectory, boolean secure) {
        KafkaBroker broker = new KafkaBroker(directory, ownsDirectory, secure);
        try {
            broker.format();
            broker.startServer("started");
            if (secure) {
                try (Admin admin = Admin.create(broker.adminConfig())) {
                    KafkaSecurity.applyAcls(admin);
                }
            }
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return KafkaBrokerConfig.HOST + ":" + port;
    }

    /** Whether clients must authenticate ({@link #startSecure()}). */
    public boolean isSecure() {
        return security != null;
    }

    /**
     * The {@code kafka.*} client settings (without the prefix) of {@code user} on this broker:
     * {@code bootstrap.servers} and, on a secure broker, the user's SASL_SSL settings with its password; a plain broker ignores {@code user}.
     */
    public Map<String, Object> clientSettings(String user) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (security != null) {
            settings.putAll(security.clientSettings(user));
        }
        return settings;
    }

    /** The security of a secure broker (users, CA, JAAS lines). */
    public KafkaSecurity security() {
        if (security == null) {
            throw new IllegalStateException("not a secure broker: " + this);
        }
        return security;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path directory() {
        return directory;
    }

    /** Whether the broker is currently started. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Creates one-partition, delete-policy topics and waits until each has a leader. */
    public void createTopics(String... names) {
        createTopics(Arrays.stream(names).map(TopicSpec::of).collect(Collectors.toList()));
    }

    /** Creates a topic and waits until all its partitions have a leader. */
    public void createTopic(String name, int partitions, boolean compacted) {
        createTopics(List.of(new TopicSpec(name, partitions, compacted)));
    }

    /**
     * Creates the topics and waits until all their partitions have a leader. Topics that already
     * exist are left as they are.
     */
    public void createTopics(Collection<TopicSpec> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig())) {
            List<NewTopic> newTopics = topics.stream().map(KafkaBroker::newTopic).collect(Collectors.toList());
            admin.createTopics(newTopics).values().values().forEach(KafkaBroker::awaitCreatedOrExisting);
            awaitLeaders(admin, topics.stream().map(TopicSpec::name).collect(Collectors.toList()));
        }
    }

    /** Stops the broker gracefully; the log directory is kept. Does nothing when stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long startNanos = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
        LOG.info("Kafka broker {} stopped in {} ms", bootstrapServers(), millisSince(startNanos));
    }

    /** Stops the broker if it runs and starts it again on the same log directory and ports. */
    public synchronized void restart() {
        stop();
        startServer("restarted");
    }

    /** Stops the broker and deletes its directory if the kit created it. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            if (ownsDirectory) {
                TempDirs.deleteRecursively(directory);
            }
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + directory + "]";
    }

    private void format() {
        if (Files.exists(Path.of(config.metadataLogDir(), "meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(KafkaBrokerConfig.NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName(KafkaBrokerConfig.CONTROLLER_LISTENER)
                .setMetadataLogDirectory(config.metadataLogDir())
                .addDirectory(config.metadataLogDir())
                .setScramArguments(security == null ? List.of() : security.scramArguments())
                .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log dir " + config.metadataLogDir(), e);
        }
    }

    private synchronized void startServer(String verb) {
        if (server != null) {
            throw new IllegalStateException("broker already running: " + this);
        }
        long startNanos = System.nanoTime();
        KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            candidate.startup();
        } catch (RuntimeException e) {
            candidate.shutdown();
            throw e;
        }
        server = candidate;
        LOG.info("Kafka broker {} {} in {} ms (dir {})", bootstrapServers(), verb, millisSince(startNanos), directory);
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> admin = clientSettings(KafkaSecurity.ADMIN);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TOPIC_TIMEOUT.toMillis());
        return admin;
    }

    private static NewTopic newTopic(TopicSpec spec) {
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), (short) 1);
        return spec.compacted() ? topic.configs(Map.of("cleanup.policy", "compact")) : topic;
    }

    private static void awaitCreatedOrExisting(KafkaFuture<Void> creation) {
        try {
            creation.get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic", e.getCause());
            }
        } catch (Exception e) {
            throw Interrupts.propagate("cannot create topic", e);
        }
    }

    private static void awaitLeaders(Admin admin, List<String> names) {
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        while (!allPartitionsLed(admin, names)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " have no leader after " + TOPIC_TIMEOUT);
            }
            Interrupts.pause(POLL_INTERVAL);
        }
    }

    private static boolean allPartitionsLed(Admin admin, List<String> names) {
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
            return topics.values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            throw Interrupts.propagate("interrupted while waiting for topics " + names, e);
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
