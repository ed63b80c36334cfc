package dev.revive.targets.connect;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * All calls to the Kafka cluster a Connect cluster writes to (the workers' peer endpoint), through one Admin client
 * per verification round; every call bounded by the call timeout. Reads what the collection checks compare: records
 * per topic, offsets at a time, and a sink connector's committed offsets.
 */
final class ConnectKafka implements AutoCloseable {

    /** How long reading a topic's values for a count may take. */
    private static final Duration VALUES_DEADLINE = Duration.ofSeconds(20);

    private final Admin admin;
    private final String bootstrap;
    private final Duration callTimeout;

    private ConnectKafka(Admin admin, String bootstrap, Duration callTimeout) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.callTimeout = callTimeout;
    }

    /** An Admin client to the Kafka cluster named by the first node's peer endpoint ({@code tcp://host:port}). */
    static ConnectKafka open(ClusterSpec spec, Duration callTimeout) {
        return open(bootstrap(spec), callTimeout);
    }

    /** An Admin client to the Kafka cluster at {@code bootstrap} ({@code host:port,...}). */
    static ConnectKafka open(String bootstrap, Duration callTimeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) callTimeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) callTimeout.toMillis());
        return new ConnectKafka(Admin.create(props), bootstrap, callTimeout);
    }

    /** {@code host:port} of every distinct peer endpoint of the spec's workers. */
    static String bootstrap(ClusterSpec spec) {
        return spec.nodes().stream().map(NodeSpec::endpoints).filter(endpoints -> endpoints.peer() != null)
                .map(endpoints -> URI.create(endpoints.peer())).map(uri -> uri.getHost() + ":" + uri.getPort())
                .distinct().collect(Collectors.joining(","));
    }

    /** The records a read_committed consumer can read in {@code topic}: end minus beginning, over its partitions. */
    long records(String topic) {
        Map<TopicPartition, OffsetSpec> earliest = partitions(topic, tp -> OffsetSpec.earliest());
        Map<TopicPartition, Long> begin = offsets(earliest);
        Map<TopicPartition, Long> end = offsets(partitions(topic, tp -> OffsetSpec.latest()));
        return end.entrySet().stream().mapToLong(entry -> entry.getValue() - begin.getOrDefault(entry.getKey(), 0L))
                .sum();
    }

    /**
     * The values of {@code topic} up to its end offsets now, by how often each occurs ({@link TopicValues}); empty
     * when the topic is too big or too slow to read for a count.
     */
    Optional<Map<String, Long>> values(String topic) {
        return TopicValues.count(bootstrap, offsets(partitions(topic, tp -> OffsetSpec.latest())), VALUES_DEADLINE);
    }

    /**
     * Per partition of {@code topic}, the first offset whose record is stamped at or after {@code time}, or the
     * end offset when none is: the number of records written before {@code time}.
     */
    long offsetAt(String topic, Instant time) {
        Map<TopicPartition, Long> at = offsets(partitions(topic, tp -> OffsetSpec.forTimestamp(time.toEpochMilli())));
        Map<TopicPartition, Long> end = offsets(partitions(topic, tp -> OffsetSpec.latest()));
        return end.entrySet().stream().mapToLong(entry -> {
            long found = at.getOrDefault(entry.getKey(), -1L);
            return found < 0 ? entry.getValue() : found;
        }).sum();
    }

    /** The end offsets (read_committed) of {@code topic} by partition ({@code topic-partition}). */
    Map<String, Long> ends(String topic) {
        return offsets(partitions(topic, tp -> OffsetSpec.latest())).entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().toString(), Map.Entry::getValue));
    }

    /** The committed offsets of {@code group} by partition ({@code topic-partition}). */
    Map<String, Long> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = call("offsets of group " + group,
                () -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(timeout(), TimeUnit.MILLISECONDS));
        return offsets.entrySet().stream().filter(entry -> entry.getValue() != null)
                .collect(Collectors.toMap(entry -> entry.getKey().toString(), entry -> entry.getValue().offset()));
    }

    @Override
    public void close() {
        admin.close(callTimeout);
    }

    private Map<TopicPartition, OffsetSpec> partitions(String topic, Function<TopicPartition, OffsetSpec> spec) {
        var description = call("partitions of " + topic, () -> admin.describeTopics(java.util.List.of(topic))
                .allTopicNames().get(timeout(), TimeUnit.MILLISECONDS).get(topic));
        return description.partitions().stream().map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toMap(Function.identity(), spec));
    }

    private Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetSpec> specs) {
        var result = call("offsets of " + specs.keySet(), () -> admin.listOffsets(specs,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(timeout(), TimeUnit.MILLISECONDS));
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private long timeout() {
        return callTimeout.toMillis();
    }

    private interface Call<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private static <T> T call(String what, Call<T> call) {
        try {
            return call.get();
        } catch (TimeoutException e) {
            throw new TargetException(Kind.TIMEOUT, what + ": no answer in time", e);
        } catch (ExecutionException e) {
            Kind kind = e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException ? Kind.TIMEOUT
                    : e.getCause() instanceof RetriableException ? Kind.TIMEOUT : Kind.FAILED;
            throw new TargetException(kind, what + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Kind.TIMEOUT, what + ": interrupted", e);
        }
    }
}
