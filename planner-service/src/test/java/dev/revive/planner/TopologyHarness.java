package dev.revive.planner;

import static dev.revive.planner.domain.Fixtures.CLUSTER;
import static dev.revive.planner.domain.Fixtures.T0;

import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.IncidentPlanner;
import dev.revive.testkit.MutableClock;
import dev.revive.testkit.TestSigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The planner's real topology on a {@link TopologyTestDriver}, fresh for every test (register it with
 * {@code @RegisterExtension}), with a clock the test moves: records go in on the input topics, plans and dead
 * letters come out, and the incident store can be read.
 */
final class TopologyHarness implements BeforeEachCallback, AfterEachCallback {

    static final Duration TICK = Duration.ofMillis(500);

    private MutableClock clock;
    private Path stateDir;
    private TopologyTestDriver driver;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
    private TestOutputTopic<String, RecoveryPlan> plans;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    /** Builds the topology with the standard planner, its state in a directory of its own. */
    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        clock = new MutableClock(T0.plusSeconds(5));
        stateDir = Files.createTempDirectory("revive-planner-test-");
        IncidentPlanner planner = IncidentPlanner.standard(clock, IdSource.sequential());
        driver = new TopologyTestDriver(PlannerTopology.build(planner, clock, TICK,
                TrustedKeys.load(List.of(TestSigningKey.PUBLIC_KEY))), streamsConfig());
        for (Topic<?, ?> topic : List.of(Topics.CLUSTERS, Topics.FAULTS, Topics.DECISIONS, Topics.EXECUTIONS,
                Topics.REPORTS)) {
            inputs.put(topic.name(), driver.createInputTopic(topic.name(), new ByteArraySerializer(),
                    new ByteArraySerializer()));
        }
        plans = driver.createOutputTopic(Topics.PLANS.name(), Topics.PLANS.keySerde().deserializer(),
                Topics.PLANS.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DLQ.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Closes the driver and removes its state. */
    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        driver.close();
        inputs.clear();
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Publishes {@code value} on {@code topic} under {@code key}, with CloudEvent headers as a service writes them;
     * a cluster spec is signed with the test operator key.
     */
    <V> void publish(Topic<String, V> topic, String key, V value) {
        Headers headers = CloudEventHeaders.write(new RecordHeaders(), EventTypes.describe(value, "/test", T0));
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        if (topic.equals(Topics.CLUSTERS)) {
            TestSigningKey.signInto(headers, bytes);
        }
        pipe(topic, new TestRecord<>(utf8(key), bytes, headers));
    }

    /** Pipes a record as it is, headers and all (or none), to {@code topic}. */
    void pipe(Topic<?, ?> topic, TestRecord<byte[], byte[]> record) {
        inputs.get(topic.name()).pipeInput(record);
    }

    /** The incident store's entry of {@link dev.revive.planner.domain.Fixtures#CLUSTER}. */
    ClusterState incidentState() {
        return driver.<String, ClusterState>getKeyValueStore(PlannerStores.INCIDENTS).get(CLUSTER);
    }

    /** The cluster ids that have an entry in the incident store. */
    List<String> incidentClusterIds() {
        List<String> ids = new java.util.ArrayList<>();
        try (org.apache.kafka.streams.state.KeyValueIterator<String, ClusterState> all =
                driver.<String, ClusterState>getKeyValueStore(PlannerStores.INCIDENTS).all()) {
            all.forEachRemaining(entry -> ids.add(entry.key));
        }
        return ids;
    }

    /** Moves the clock by {@code duration} and lets the wall-clock punctuation run. */
    void advance(Duration duration) {
        clock.advance(duration);
        driver.advanceWallClockTime(duration.plus(TICK));
    }

    /** The clock the planner reads; {@link #advance} moves it. */
    MutableClock clock() {
        return clock;
    }

    /** What the planner wrote on {@code revive.plans}. */
    TestOutputTopic<String, RecoveryPlan> plans() {
        return plans;
    }

    /** What the planner wrote on the dead-letter topic. */
    TestOutputTopic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Properties streamsConfig() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "revive-planner-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, PlannerProductionExceptionHandler.class);
        return props;
    }
}
