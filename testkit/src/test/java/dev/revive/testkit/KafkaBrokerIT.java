package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaBrokerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
        broker.createTopics("committed", "aborted", "durable");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void transactionalProduceIsVisibleToReadCommittedConsumerOnlyAfterCommit() {
        try (KafkaProducer<String, String> producer = transactionalProducer();
             KafkaConsumer<String, String> consumer = readCommittedConsumer("committed")) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("committed", "k", "one"));
            producer.send(new ProducerRecord<>("committed", "k", "two"));
            producer.flush();

            assertThat(pollFor(consumer, Duration.ofSeconds(1))).isEmpty();

            producer.commitTransaction();

            assertThat(pollUntil(consumer, 2)).extracting(ConsumerRecord::value).containsExactly("one", "two");
        }
    }

    @Test
    void abortedTransactionIsNeverVisible() {
        try (KafkaProducer<String, String> producer = transactionalProducer();
             KafkaConsumer<String, String> consumer = readCommittedConsumer("aborted")) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("aborted", "k", "aborted-1"));
            producer.send(new ProducerRecord<>("aborted", "k", "aborted-2"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>("aborted", "k", "marker"));
            producer.commitTransaction();

            assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("marker");
        }
    }

    @Test
    void restartKeepsCommittedRecords() {
        try (KafkaProducer<String, String> producer = transactionalProducer()) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("durable", "k", "survives"));
            producer.commitTransaction();
        }

        broker.restart();

        try (KafkaConsumer<String, String> consumer = readCommittedConsumer("durable")) {
            assertThat(pollUntil(consumer, 1)).extracting(ConsumerRecord::value).containsExactly("survives");
        }
    }

    private static KafkaProducer<String, String> transactionalProducer() {
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID(),
            ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis()),
            new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        return producer;
    }

    private static KafkaConsumer<String, String> readCommittedConsumer(String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static List<ConsumerRecord<String, String>> pollFor(KafkaConsumer<String, String> consumer, Duration window) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return seen;
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        await().atMost(TIMEOUT).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return seen.size() >= count;
        });
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen;
    }
}
