package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exactly-once Kafka Streams on the kit's broker, started through {@link KafkaBrokerResource}. */
class KafkaStreamsExactlyOnceIT {

    private static final String SENTENCES = "sentences";
    private static final String COUNTS = "word-counts";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final KafkaBrokerResource RESOURCE = new KafkaBrokerResource();
    private static Map<String, String> config;

    @InjectKafkaBroker
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        RESOURCE.init(Map.of(KafkaBrokerResource.TOPICS, SENTENCES + ":2," + COUNTS));
        config = RESOURCE.start();
        RESOURCE.inject(KafkaStreamsExactlyOnceIT::injectStaticFields);
    }

    @AfterAll
    static void stopBroker() {
        RESOURCE.stop();
    }

    @Test
    void resourceHandsTheBrokerToTheApplicationAndTheTest() {
        assertThat(broker).isSameAs(RESOURCE.broker());
        assertThat(config)
            .containsEntry("kafka.bootstrap.servers", broker.bootstrapServers())
            .containsEntry("quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers())
            .containsEntry("quarkus.devservices.enabled", "false")
            .containsEntry("quarkus.kafka.devservices.enabled", "false");
        assertThat(Path.of(config.get("kafka-streams.state.dir"))).isEmptyDirectory();
    }

    @Test
    void exactlyOnceTopologyCountsEveryWordExactlyOnce() {
        // given
        produce("a b c", "a b", "a");

        // when
        try (KafkaStreams streams = new KafkaStreams(wordCount(), streamsConfig())) {
            streams.start();

            // then
            Map<String, Long> counts = readCommittedCounts(Map.of("a", 3L, "b", 2L, "c", 1L));
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3L, "b", 2L, "c", 1L));
            streams.close(Duration.ofSeconds(10));
        }
    }

    private static Topology wordCount() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream(SENTENCES)
            .flatMapValues(sentence -> Arrays.asList(sentence.split(" ")))
            .groupBy((key, word) -> word)
            .count()
            .toStream()
            .to(COUNTS, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private static Properties streamsConfig() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "word-count-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.get("kafka-streams.state.dir"));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }

    private static void produce(String... sentences) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            new StringSerializer(), new StringSerializer())) {
            for (String sentence : sentences) {
                producer.send(new ProducerRecord<>(SENTENCES, sentence));
            }
        }
    }

    private static Map<String, Long> readCommittedCounts(Map<String, Long> expected) {
        Map<String, Long> latest = new HashMap<>();
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "counts-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(), new LongDeserializer())) {
            consumer.subscribe(List.of(COUNTS));
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> latest.put(record.key(), record.value()));
                return latest.equals(expected);
            });
        }
        return latest;
    }

    private static void injectStaticFields(Object value, Predicate<Field> matches) {
        for (Field field : KafkaStreamsExactlyOnceIT.class.getDeclaredFields()) {
            if (matches.test(field)) {
                field.setAccessible(true);
                try {
                    field.set(null, value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
