package dev.revive.targets.kafka;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A write-and-read-back round through the cluster: {@value #RECORDS} records of one run id produced with
 * {@code acks=all} and idempotence to {@value #TOPIC} (created with replication factor min(3, brokers) and
 * {@code min.insync.replicas} 2 when absent), then read back from the offsets they were written at with a
 * {@code read_committed} consumer; each must be found exactly once. Every client is fresh and bounded.
 */
final class KafkaCanary {

    /** The canary topic. */
    static final String TOPIC = "__revive_canary";
    /** How many records one round writes. */
    static final int RECORDS = 20;

    /** What one round saw: records acknowledged, and how often each acknowledged one was read back. */
    record Outcome(int acknowledged, int found, int missing, int duplicates) {
    }

    private final KafkaAdmins admins;

    KafkaCanary(KafkaAdmins admins) {
        this.admins = admins;
    }

    /**
     * One round against {@code spec}'s cluster of {@code brokers} unfenced brokers, tagging its records with
     * {@code runId}.
     *
     * @throws TargetException when the topic cannot be created, a record is not acknowledged or the read times out
     */
    Outcome run(ClusterSpec spec, Admin admin, int brokers, String runId) {
        ensureTopic(admin, brokers);
        String bootstrap = KafkaAdmins.bootstrap(spec);
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap))) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                sends.add(producer.send(new ProducerRecord<>(TOPIC, runId + "-" + i, runId + "-" + i)));
            }
            for (Future<RecordMetadata> send : sends) {
                RecordMetadata written = send.get(admins.timeoutMs(), TimeUnit.MILLISECONDS);
                firstOffsets.merge(new TopicPartition(written.topic(), written.partition()), written.offset(),
                        Math::min);
            }
        } catch (ExecutionException e) {
            throw new TargetException(Kind.FAILED, "canary record not acknowledged: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TargetException(Kind.TIMEOUT, "canary record not acknowledged within " + admins.callTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Kind.TIMEOUT, "interrupted while writing the canary", e);
        } catch (KafkaException e) {
            throw new TargetException(Kind.FAILED, "canary producer failed: " + e, e);
        }
        Map<String, Integer> seen = readBack(bootstrap, firstOffsets, runId);
        int found = seen.values().stream().mapToInt(Integer::intValue).sum();
        int missing = (int) IntStream.range(0, RECORDS)
                .filter(i -> !seen.containsKey(runId + "-" + i)).count();
        int duplicates = seen.values().stream().mapToInt(times -> times - 1).sum();
        return new Outcome(RECORDS, found, missing, duplicates);
    }

    private void ensureTopic(Admin admin, int brokers) {
        int replication = Math.max(1, Math.min(3, brokers));
        NewTopic topic = new NewTopic(TOPIC, 1, (short) replication).configs(Map.of(
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.min(2, replication))));
        try {
            admins.get(admin.createTopics(List.of(topic), new CreateTopicsOptions().timeoutMs(admins.timeoutMs()))
                    .all(), "create " + TOPIC);
        } catch (TargetException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private Map<String, Integer> readBack(String bootstrap, Map<TopicPartition, Long> from, String runId) {
        Map<String, Integer> seen = new HashMap<>();
        long deadline = System.nanoTime() + admins.callTimeout().toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrap))) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Duration bound = admins.callTimeout();
            Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet(), bound);
            while (from.keySet().stream().anyMatch(partition -> consumer.position(partition, bound)
                    < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new TargetException(Kind.TIMEOUT, "canary not read back within " + bound);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && record.value().startsWith(runId + "-")) {
                        seen.merge(record.value(), 1, Integer::sum);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new TargetException(Kind.TIMEOUT, "canary read timed out: " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new TargetException(Kind.FAILED, "canary consumer failed: " + e, e);
        }
        return seen;
    }

    private Map<String, Object> producerConfig(String bootstrap) {
        int timeout = admins.timeoutMs();
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    }

    private Map<String, Object> consumerConfig(String bootstrap) {
        int timeout = admins.timeoutMs();
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    }
}
