package dev.revive.detector.spec;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.kafka.BeginningReader;
import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.SpecHeaders;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.contracts.validation.LogSafe;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

/**
 * Registers clusters at runtime: tails the compacted {@code revive.clusters} topic from its beginning (a group-less,
 * read-committed reader) and hands every trusted spec that is new or changed to {@link ClusterRegistry} and to the
 * detection loop, and every trusted removal too. The signature is checked exactly like every other reader's
 * ({@link TrustedKeys#requireTrusted}): a record no trusted key signed is logged at WARN and ignored (the planner,
 * executor and verifier, which read the same record, dead-letter it with {@code UNTRUSTED_SPEC}), so an earlier
 * trusted version stays in force. After a Kafka failure the reader ({@link BeginningReader}) is rebuilt after a pause
 * and reads the topic again from its beginning (registering is idempotent).
 */
@ApplicationScoped
public class ClusterFeed {

    private static final Logger LOG = Logger.getLogger(ClusterFeed.class);
    private static final String CLIENT_ID = "revive-detector-clusters";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);

    @Inject
    ClusterRegistry registry;
    @Inject
    TrustedKeys trusted;
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private volatile boolean stopped;
    private volatile BeginningReader reader;
    private Thread thread;

    /**
     * Starts tailing the topic on a thread of its own.
     *
     * @param watch   called with a cluster that is new or whose spec changed
     * @param unwatch called with the id of a cluster that was removed
     */
    public synchronized void start(Consumer<ClusterSpec> watch, Consumer<String> unwatch) {
        thread = new Thread(() -> run(watch, unwatch), "revive-cluster-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops tailing and closes the reader. */
    public synchronized void stop() throws InterruptedException {
        stopped = true;
        BeginningReader current = reader;
        if (current != null) {
            current.stop();
        }
        if (thread != null) {
            thread.join(STOP_TIMEOUT.toMillis());
        }
    }

    private void run(Consumer<ClusterSpec> watch, Consumer<String> unwatch) {
        while (!stopped) {
            try {
                BeginningReader current = new BeginningReader("cluster feed", new KafkaConsumer<>(
                        new KafkaClientSettings(kafka).reader(CLIENT_ID)), List.of(Topics.CLUSTERS.name()), POLL,
                        record -> apply(record, watch, unwatch));
                reader = current;
                if (stopped) {
                    current.stop();
                }
                current.run();
            } catch (KafkaException e) {
                LOG.errorf("cannot read %s: %s", Topics.CLUSTERS.name(), e.toString());
            } finally {
                reader = null;
            }
            if (!stopped) {
                LOG.infof("reading %s again in %s", Topics.CLUSTERS.name(), RETRY_PAUSE);
                pause();
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record, Consumer<ClusterSpec> watch, Consumer<String> unwatch) {
        String key = record.key() == null ? null
                : Topics.CLUSTERS.keySerde().deserializer().deserialize(record.topic(), record.key());
        try {
            if (record.value() == null) {
                if (key != null) {
                    trusted.requireTrustedRemoval(record.headers(), key);
                    if (registry.remove(key)) {
                        unwatch.accept(key);
                    }
                }
                return;
            }
            trusted.requireTrusted(record.headers(), record.value());
            ClusterSpec spec = Topics.CLUSTERS.valueSerde().deserializer()
                    .deserialize(record.topic(), record.headers(), record.value());
            SignedSpec signed = new SignedSpec(spec, record.value(),
                    SpecHeaders.value(record.headers(), SpecHeaders.KEY_ID),
                    SpecHeaders.value(record.headers(), SpecHeaders.SIGNATURE));
            if (registry.register(signed)) {
                watch.accept(spec);
            }
        } catch (InvalidEventException e) {
            LOG.warnf("ignored the cluster spec at %s-%d@%d (key %s): %s %s", record.topic(), record.partition(),
                    record.offset(), LogSafe.text(String.valueOf(key)), e.reason(), LogSafe.text(e.getMessage()));
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
