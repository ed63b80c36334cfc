package dev.revive.executor.kafka;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.contracts.validation.LogSafe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * The registered cluster specs, read from the compacted {@code revive.clusters} topic from its
 * beginning and kept up to date. A tombstone signed over {@code SpecSignature.removalBytes} removes a cluster.
 * A spec or tombstone that no trusted operator key signed is never used: it goes to {@code revive.dlq} with reason {@code UNTRUSTED_SPEC} (once per read of the topic,
 * so again after a restart). Used from the plan loop's thread only.
 */
public final class ClusterRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterRegistry.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final TrustedKeys trusted;
    private final Consumer<ProducerRecord<byte[], byte[]>> deadLetters;
    private final Clock clock;
    private final Map<String, ClusterSpec> specs = new ConcurrentHashMap<>();

    /**
     * @param readerConfig a group-less consumer configuration ({@link KafkaClients#reader})
     * @param timeout      the bound of reading the topic to its end
     * @param trusted      the operators' keys a spec must be signed with
     * @param deadLetters  publishes a rejected spec's dead letter
     * @param clock        the time of a rejection
     */
    public ClusterRegistry(Map<String, Object> readerConfig, Duration timeout, TrustedKeys trusted,
            Consumer<ProducerRecord<byte[], byte[]>> deadLetters, Clock clock) {
        this.consumer = new KafkaConsumer<>(readerConfig);
        this.timeout = timeout;
        this.trusted = trusted;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Assigns the topic and reads it to its current end. */
    public void start() {
        TopicReader.assignAll(consumer, Topics.CLUSTERS.name(), timeout);
        catchUp();
        LOG.infof("%d clusters registered: %s", specs.size(), specs.keySet());
    }

    /** Reads the topic up to its current end, so that a spec published before now is known. */
    public void catchUp() {
        TopicReader.readToEnd(consumer, timeout, this::apply);
    }

    /** Reads whatever arrived, waiting at most {@code wait}. */
    public void poll(Duration wait) {
        consumer.poll(wait).forEach(this::apply);
    }

    /** The spec of a cluster, if it is registered. */
    public Optional<ClusterSpec> spec(String clusterId) {
        return Optional.ofNullable(specs.get(clusterId));
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        try {
            if (record.value() != null) {
                trusted.requireTrusted(record.headers(), record.value());
            } else if (key != null) {
                trusted.requireTrustedRemoval(record.headers(), key);
            }
            ClusterSpec spec = Topics.CLUSTERS.valueSerde().deserializer()
                    .deserialize(record.topic(), record.headers(), record.value());
            if (spec == null) {
                if (key != null && specs.remove(key) != null) {
                    LOG.infof("cluster %s unregistered", key);
                }
                return;
            }
            ClusterSpec earlier = specs.put(spec.id(), spec);
            if (!spec.equals(earlier)) {
                LOG.infof("cluster %s registered (%d nodes)", spec.id(), spec.nodes().size());
            }
        } catch (InvalidEventException e) {
            LOG.warnf("rejected the cluster spec at %s-%d@%d to %s: %s %s", record.topic(), record.partition(),
                    record.offset(), Topics.DLQ.name(), e.reason(), LogSafe.text(e.getMessage()));
            deadLetters.accept(DeadLetters.of(record, e, PlanRecords.SERVICE, clock.instant()));
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
