package dev.revive.e2e;

import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything committed on Revive's topics, as a reader with {@code read_committed} sees it: the
 * record of what happened that the e2e scenarios assert on and the demo prints.
 */
public final class EventLog implements AutoCloseable {

    /** One committed record, decoded; {@code value} is the raw bytes for the dead-letter topic. */
    public record Entry(String topic, Object value, Instant seenAt, Map<String, String> headers) {
    }

    private static final List<Topic<?, ?>> WATCHED =
            List.of(Topics.FAULTS, Topics.DECISIONS, Topics.PLANS, Topics.EXECUTIONS, Topics.REPORTS, Topics.DLQ);

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread reader;
    private final Clock clock;
    private volatile boolean running = true;

    public EventLog(String bootstrapServers, Clock clock) {
        this(KafkaClientSettings.of(bootstrapServers), clock);
    }

    /** An event log reading with {@code kafka}'s settings (a principal's security settings on a secure broker). */
    public EventLog(KafkaClientSettings kafka, Clock clock) {
        this.clock = clock;
        Map<String, Object> config = kafka.reader("revive-e2e-events");
        // a committed record is seen when its commit marker is: do not let an empty fetch wait 500 ms for it
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<?, ?> topic : WATCHED) {
            consumer.partitionsFor(topic.name()).forEach(info -> partitions.add(new TopicPartition(info.topic(),
                    info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "revive-event-log");
        reader.setDaemon(true);
        reader.start();
    }

    /** Calls {@code listener} for every record seen from now on. */
    public void onEntry(Consumer<Entry> listener) {
        listeners.add(listener);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<FaultEvent> faults() {
        return values(Topics.FAULTS, FaultEvent.class);
    }

    public List<OperatorDecision> decisions() {
        return values(Topics.DECISIONS, OperatorDecision.class);
    }

    public List<RecoveryPlan> plans() {
        return values(Topics.PLANS, RecoveryPlan.class);
    }

    public List<ExecutionEvent> executions() {
        return values(Topics.EXECUTIONS, ExecutionEvent.class);
    }

    public List<RecoveryReport> reports() {
        return values(Topics.REPORTS, RecoveryReport.class);
    }

    /** When this reader first saw {@code value} (a decoded record, compared by equality), if it has. */
    public Optional<Instant> seenAt(Object value) {
        return entries.stream().filter(entry -> value.equals(entry.value())).map(Entry::seenAt).findFirst();
    }

    public List<Entry> deadLetters() {
        return entries.stream().filter(entry -> entry.topic().equals(Topics.DLQ.name())).toList();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> List<T> values(Topic<?, ?> topic, Class<T> type) {
        return entries.stream().filter(entry -> entry.topic().equals(topic.name())).map(Entry::value)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Entry entry = new Entry(record.topic(), decode(record), clock.instant(), headers(record));
                    entries.add(entry);
                    listeners.forEach(listener -> listener.accept(entry));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private static Object decode(ConsumerRecord<byte[], byte[]> record) {
        for (Topic<?, ?> topic : WATCHED) {
            if (topic.name().equals(record.topic()) && topic != Topics.DLQ) {
                try {
                    return topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value());
                } catch (InvalidEventException e) {
                    return e;
                }
            }
        }
        return record.value();
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        record.headers().forEach(header -> headers.put(header.key(),
                header.value() == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8)));
        return headers;
    }
}
