package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.kafka.TopicOwners;
import dev.revive.contracts.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A secure broker enforces one writer per topic: the ACLs of {@link TopicOwners} over SASL_SSL/SCRAM-SHA-512, for the
 * services and for the operator's tools (the CLI publishes specs only, the console only reads).
 */
class SecureKafkaBrokerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.startSecure();
        broker.createTopics(Topics.names().toArray(String[]::new));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest(name = "{0} cannot write {1}")
    @CsvSource({"intruder, revive.clusters", "intruder, revive.plans", "verifier, revive.clusters",
            "verifier, revive.plans", "executor, revive.plans", "cli, revive.plans", "cli, revive.dlq"})
    void aPrincipalThatDoesNotOwnATopicCannotWriteIt(String user, String topic) {
        // given
        Map<String, Object> producer = producerOf(user);

        // when / then
        try (KafkaProducer<byte[], byte[]> client = new KafkaProducer<>(producer)) {
            assertThatThrownBy(() -> send(client, topic)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @ParameterizedTest(name = "the console cannot write {0}")
    @MethodSource("dev.revive.contracts.kafka.Topics#names")
    void theConsoleCannotWriteAnyTopic(String topic) {
        // given
        Map<String, Object> producer = producerOf(TopicOwners.CONSOLE);

        // when / then
        try (KafkaProducer<byte[], byte[]> client = new KafkaProducer<>(producer)) {
            assertThatThrownBy(() -> send(client, topic)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theCliPublishesASpecButCannotWriteAPlan() throws Exception {
        // given
        try (KafkaProducer<byte[], byte[]> cli = new KafkaProducer<>(producerOf(TopicOwners.CLI))) {
            // when
            RecordMetadata spec = send(cli, Topics.Names.CLUSTERS);

            // then
            assertThat(spec.topic()).isEqualTo(Topics.Names.CLUSTERS);
            assertThatThrownBy(() -> send(cli, Topics.Names.PLANS)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theConsoleReadsEveryTopicWithoutAGroup() throws Exception {
        // given: a report written by its owner
        try (KafkaProducer<byte[], byte[]> verifier = new KafkaProducer<>(settings(TopicOwners.VERIFIER)
                .producer("verifier"))) {
            send(verifier, Topics.Names.REPORTS);
        }

        // when: the console assigns itself every partition of every topic and reads from the beginning
        try (KafkaConsumer<byte[], byte[]> console = new KafkaConsumer<>(settings(TopicOwners.CONSOLE)
                .reader("console"))) {
            List<TopicPartition> partitions = Topics.names().stream()
                    .flatMap(topic -> console.partitionsFor(topic, TIMEOUT).stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            console.assign(partitions);
            console.seekToBeginning(partitions);
            List<String> read = new ArrayList<>();
            await().atMost(TIMEOUT).until(() -> {
                console.poll(Duration.ofMillis(200)).forEach(record -> read.add(record.topic()));
                return read.contains(Topics.Names.REPORTS);
            });

            // then: it was allowed to fetch every topic, and saw the report
            assertThat(partitions).extracting(TopicPartition::topic).containsAll(Topics.names());
            assertThat(read).contains(Topics.Names.REPORTS);
        }
    }

    @ParameterizedTest(name = "{0} writes {1}")
    @CsvSource({"detector, revive.clusters", "planner, revive.plans", "verifier, revive.dlq"})
    void theOwningPrincipalWritesItsTopic(String user, String topic) throws Exception {
        // given
        try (KafkaProducer<byte[], byte[]> client = new KafkaProducer<>(settings(user).producer(user))) {
            // when
            RecordMetadata written = send(client, topic);

            // then
            assertThat(written.topic()).isEqualTo(topic);
        }
    }

    @Test
    void theExecutorRunsItsTransactionalProducerAndItsConsumerGroup() throws Exception {
        // given: a plan on revive.plans
        try (KafkaProducer<byte[], byte[]> planner = new KafkaProducer<>(settings(TopicOwners.PLANNER)
                .producer("planner"))) {
            send(planner, Topics.Names.PLANS);
        }
        KafkaClientSettings executor = settings(TopicOwners.EXECUTOR);

        // when: the executor consumes it in its group and commits an execution with the offset in one transaction
        try (KafkaConsumer<byte[], byte[]> plans = new KafkaConsumer<>(executor.consumer("revive-executor", "e1"));
             KafkaProducer<byte[], byte[]> log = new KafkaProducer<>(
                     executor.transactionalProducer("revive-executor-e1", "e1-log"))) {
            plans.subscribe(List.of(Topics.Names.PLANS));
            List<ConsumerRecord<byte[], byte[]>> polled = new ArrayList<>();
            await().atMost(TIMEOUT).until(() -> {
                plans.poll(Duration.ofMillis(200)).forEach(polled::add);
                return !polled.isEmpty();
            });
            log.initTransactions();
            log.beginTransaction();
            log.send(record(Topics.Names.EXECUTIONS));
            ConsumerRecord<byte[], byte[]> plan = polled.get(0);
            log.sendOffsetsToTransaction(Map.of(new TopicPartition(plan.topic(), plan.partition()),
                    new OffsetAndMetadata(plan.offset() + 1)), plans.groupMetadata());
            log.commitTransaction();

            // then
            assertThat(plans.committed(Set.of(new TopicPartition(Topics.Names.PLANS, 0))))
                    .containsValue(new OffsetAndMetadata(plan.offset() + 1));
        }
    }

    @Test
    void aServiceCannotUseAnotherServicesTransactionalId() {
        // given
        Map<String, Object> producer = settings(TopicOwners.EXECUTOR).transactionalProducer("revive-verifier-0", "x");
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());

        // when / then
        try (KafkaProducer<byte[], byte[]> client = new KafkaProducer<>(producer)) {
            assertThatThrownBy(client::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    /**
     * A producer of {@code user}; not idempotent when the user may write no topic at all (the intruder, the console):
     * an idempotent producer needs WRITE on some topic before it can send anything.
     */
    private static Map<String, Object> producerOf(String user) {
        Map<String, Object> producer = settings(user).producer(user);
        if (KafkaSecurity.INTRUDER.equals(user) || TopicOwners.topicsWrittenBy(user).isEmpty()) {
            producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        }
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        return producer;
    }

    private static KafkaClientSettings settings(String user) {
        return new KafkaClientSettings(broker.clientSettings(user));
    }

    private static RecordMetadata send(KafkaProducer<byte[], byte[]> client, String topic) throws Exception {
        try {
            return client.send(record(topic)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic) {
        return new ProducerRecord<>(topic, "c1".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
