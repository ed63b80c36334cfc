package dev.revive.executor.kafka;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.validation.LogSafe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jboss.logging.Logger;

/**
 * The registered cluster specs, read from the compacted {@code revive.clusters} topic from its
 * beginning and kept up to date. A tombstone removes a cluster. Used from the plan loop's thread only.
 */
public final class ClusterRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterRegistry.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final Map<String, ClusterSpec> specs = new ConcurrentHashMap<>();

    /**
     * @param readerConfig a group-less consumer configuration ({@link KafkaClients#reader})
     * @param timeout      the bound of reading the topic to its end
     */
    public ClusterRegistry(Map<String, Object> readerConfig, Duration timeout) {
        this.consumer = new KafkaConsumer<>(readerConfig);
        this.timeout = timeout;
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
            LOG.warnf("ignoring an invalid cluster spec at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), LogSafe.text(e.getMessage()));
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
