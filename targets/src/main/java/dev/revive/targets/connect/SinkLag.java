package dev.revive.targets.connect;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

/**
 * The lag of the sink connectors' consumer groups of each Connect cluster, sampled in the background so that a
 * probe never waits for Kafka: {@link #sampleSoon} (called on every probe) queues a sample of the cluster when the
 * last one is at least {@link #EVERY} old; the sample reads the sink connectors from the first worker that answers
 * (at most every {@link #SINKS_EVERY}; the last list is kept while none answers), then each group's committed
 * offsets and its topics' end offsets, into the cluster's {@link LagWindow}. {@link #describe} evaluates the window
 * with Burrow's rules. Bounded: one sampling thread with a short queue (a full queue drops the sample), every call
 * bounded by the call timeout, the {@value #MAX_CLUSTERS} most recently probed clusters kept.
 */
final class SinkLag implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(1);
    static final Duration SINKS_EVERY = Duration.ofSeconds(10);
    static final int MAX_CLUSTERS = 256;

    private static final Logger LOG = Logger.getLogger(SinkLag.class);

    /** What is known of one cluster; guarded by itself. */
    private static final class ClusterLag {
        private final LagWindow window = new LagWindow();
        private Instant queuedAt = Instant.MIN;
        private Instant sinksAt = Instant.MIN;
        private List<Pipelines.Sink> sinks = List.of();
    }

    private final ConnectRest rest;
    private final KafkaClients kafka;
    private final InstantSource clock;
    private final ThreadPoolExecutor sampler;
    private final Map<String, ClusterLag> clusters = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ClusterLag> eldest) {
                    return size() > MAX_CLUSTERS;
                }
            });

    SinkLag(ConnectRest rest, KafkaClients kafka, InstantSource clock) {
        this.rest = rest;
        this.kafka = kafka;
        this.clock = clock;
        this.sampler = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(16),
                runnable -> {
                    Thread thread = new Thread(runnable, "connect-lag-sampler");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Queues a sample of {@code spec}'s sink groups unless one was queued less than {@link #EVERY} ago. */
    void sampleSoon(ClusterSpec spec) {
        ClusterLag lag = clusters.computeIfAbsent(spec.id(), id -> new ClusterLag());
        Instant now = clock.instant();
        synchronized (lag) {
            if (Duration.between(lag.queuedAt, now).compareTo(EVERY) < 0) {
                return;
            }
            lag.queuedAt = now;
        }
        sampler.execute(() -> sample(spec, lag));
    }

    /** Burrow's evaluation of {@code spec}'s sink groups now; empty before the first sample. */
    Optional<String> describe(ClusterSpec spec) {
        ClusterLag lag = clusters.get(spec.id());
        if (lag == null) {
            return Optional.empty();
        }
        synchronized (lag) {
            return lag.window.describe(clock.instant());
        }
    }

    private void sample(ClusterSpec spec, ClusterLag lag) {
        try {
            List<Pipelines.Sink> sinks = sinks(spec, lag);
            ConnectKafka client = kafka.of(spec);
            Map<String, LagWindow.Offsets> sample = new LinkedHashMap<>();
            for (Pipelines.Sink sink : sinks) {
                Map<String, Long> committed = client.committed(sink.group());
                for (String topic : sink.topics()) {
                    client.ends(topic).forEach((partition, end) -> {
                        if (committed.containsKey(partition)) {
                            sample.put(partition + " of " + sink.group(),
                                    new LagWindow.Offsets(committed.get(partition), end));
                        }
                    });
                }
            }
            synchronized (lag) {
                lag.window.add(sample, clock.instant());
            }
        } catch (TargetException | UncheckedIOException | KafkaException e) {
            LOG.debugf("cluster %s: no lag sample: %s", spec.id(), e);
        }
    }

    private List<Pipelines.Sink> sinks(ClusterSpec spec, ClusterLag lag) {
        synchronized (lag) {
            if (Duration.between(lag.sinksAt, clock.instant()).compareTo(SINKS_EVERY) < 0) {
                return lag.sinks;
            }
        }
        for (NodeSpec node : spec.nodes()) {
            try {
                List<Pipelines.Sink> sinks = Pipelines.read(rest, node.endpoints().client()).sinks();
                synchronized (lag) {
                    lag.sinks = sinks;
                    lag.sinksAt = clock.instant();
                }
                return sinks;
            } catch (TargetException e) {
                // the next worker may answer
            }
        }
        synchronized (lag) {
            return lag.sinks;
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
