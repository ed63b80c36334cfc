package dev.revive.targets.connect;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.kind.NodeMeasures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;

/**
 * A worker's collection success rate: of the lines its FileStreamSource tasks were offered since the previous
 * measure of that worker, the share that reached Kafka, {@code 100 × Δ(records in the connector's topic) /
 * Δ(lines in its source file)}, over the sources whose task runs on the worker, at most 100 (a source catching up
 * delivers more than it was offered in the interval). No new line, or no earlier measure of the worker: no value.
 * A read that fails (the worker does not answer, the file cannot be read, Kafka does not answer) gives no value;
 * nothing is thrown. Every call is bounded by the call timeout.
 *
 * <p>State: the last counts of each worker, keyed by cluster and node and replaced on each measure, the
 * {@value #MAX_WORKERS} most recently measured workers kept.
 */
final class CollectionRate implements NodeMeasures {

    static final int MAX_WORKERS = 1024;

    /** What one source had been offered and had delivered at a measure. */
    record Counts(long lines, long records) {
    }

    private final ConnectRest rest;
    private final KafkaClients kafka;
    private final Map<String, Map<String, Counts>> previous = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, Counts>> eldest) {
                    return size() > MAX_WORKERS;
                }
            });

    CollectionRate(ConnectRest rest, KafkaClients kafka) {
        this.rest = rest;
        this.kafka = kafka;
    }

    @Override
    public Map<String, Double> measure(ClusterSpec spec, NodeSpec node) {
        try {
            Map<String, Counts> now = counts(spec, node);
            Map<String, Counts> before = previous.put(spec.id() + "/" + node.id(), now);
            OptionalDouble rate = rate(before == null ? Map.of() : before, now);
            return rate.isPresent() ? Map.of(SUCCESS_RATE_PERCENT, rate.getAsDouble()) : Map.of();
        } catch (TargetException | UncheckedIOException | KafkaException e) {
            return Map.of();
        }
    }

    /**
     * The success rate in % from the counts of the previous measure to the counts now, by source connector; only
     * sources in both count (a task that just moved to the worker, or a file that shrank, is left out).
     */
    static OptionalDouble rate(Map<String, Counts> before, Map<String, Counts> now) {
        long offered = 0;
        long delivered = 0;
        for (Map.Entry<String, Counts> entry : now.entrySet()) {
            Counts then = before.get(entry.getKey());
            if (then == null || entry.getValue().lines() < then.lines()) {
                continue;
            }
            offered += entry.getValue().lines() - then.lines();
            delivered += Math.max(0, entry.getValue().records() - then.records());
        }
        return offered <= 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.min(100.0, 100.0 * delivered / offered));
    }

    private Map<String, Counts> counts(ClusterSpec spec, NodeSpec node) {
        String baseUrl = node.endpoints().client();
        String workerId = WorkerTasks.workerId(node);
        Set<String> onWorker = rest.statuses(baseUrl).entrySet().stream()
                .filter(entry -> !entry.getValue().tasksOn(workerId).isEmpty()).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        Map<String, Counts> counts = new HashMap<>();
        if (onWorker.isEmpty()) {
            return counts;
        }
        ConnectKafka client = kafka.of(spec);
        for (Pipelines.Source source : Pipelines.read(rest, baseUrl, onWorker).sources()) {
            long lines = lines(source.file());
            counts.put(source.name(), new Counts(lines, client.records(source.topic())));
        }
        return counts;
    }

    /** The complete lines of {@code file} (newlines counted); 0 when it does not exist. */
    static long lines(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long lines = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
            return lines;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
