package dev.revive.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link KafkaBroker} for a {@code @QuarkusTest} and points the application at it.
 *
 * <p>Init arg {@value #TOPICS}: comma-separated topics to create before the application starts,
 * each {@code name[:partitions[:compact]]} (see {@link TopicSpec#parse(String)}). The returned
 * config sets {@code kafka.bootstrap.servers}, {@code quarkus.kafka-streams.bootstrap-servers},
 * a fresh {@code kafka-streams.state.dir}, and turns Dev Services off. A test field of type
 * {@link KafkaBroker} annotated with {@link InjectKafkaBroker} receives the broker.
 *
 * <pre>{@code
 * @QuarkusTestResource(value = KafkaBrokerResource.class, initArgs = @ResourceArg(name = "topics", value = "revive.faults,revive.clusters:1:compact"))
 * }</pre>
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg naming the topics to pre-create. */
    public static final String TOPICS = "topics";

    private List<TopicSpec> topics = List.of();
    private KafkaBroker broker;
    private Path stateDir;

    @Override
    public void init(Map<String, String> initArgs) {
        topics = TopicSpec.parseList(initArgs.get(TOPICS));
    }

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start();
        broker.createTopics(topics);
        stateDir = TempDirs.create("revive-kafka-streams-");
        return Map.of(
            "kafka.bootstrap.servers", broker.bootstrapServers(),
            "quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers(),
            "kafka-streams.state.dir", stateDir.toString(),
            "quarkus.devservices.enabled", "false",
            "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker,
            new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
    }

    @Override
    public void stop() {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            TempDirs.deleteRecursively(stateDir);
        }
    }

    /** The running broker, or {@code null} before {@link #start()}. */
    public KafkaBroker broker() {
        return broker;
    }
}
