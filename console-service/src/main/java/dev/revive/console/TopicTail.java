package dev.revive.console;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.kafka.BeginningReader;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.validation.LogSafe;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Tails Revive's topics from their beginning (read_committed, no consumer group, assigned partitions) into the
 * {@link ConsoleModel}. Caught up once it has read up to the end offsets it found at start. It only reads: a record
 * it cannot decode is skipped with a WARN (the service that owns the topic dead-letters it, not the console).
 */
final class TopicTail {

    private static final Logger LOG = Logger.getLogger(TopicTail.class);
    static final List<String> TOPICS = List.of(Topics.Names.CLUSTERS, Topics.Names.FAULTS, Topics.Names.DECISIONS,
            Topics.Names.PLANS, Topics.Names.EXECUTIONS, Topics.Names.REPORTS, Topics.Names.DLQ);

    private final ConsoleModel model;

    private TopicTail(ConsoleModel model) {
        this.model = model;
    }

    /** The reader of Revive's topics from their beginning into {@code model}, to run on a thread of its own. */
    static BeginningReader reader(Consumer<byte[], byte[]> consumer, ConsoleModel model, Duration pollTimeout) {
        return new BeginningReader("console topic tail", consumer, TOPICS, pollTimeout, new TopicTail(model)::apply);
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            switch (record.topic()) {
                case Topics.Names.CLUSTERS -> model.cluster(key(record), record.value() == null ? null
                        : BeginningReader.decode(Topics.CLUSTERS, record));
                case Topics.Names.FAULTS -> model.fault(BeginningReader.decode(Topics.FAULTS, record));
                case Topics.Names.DECISIONS -> model.decision(BeginningReader.decode(Topics.DECISIONS, record));
                case Topics.Names.PLANS -> model.plan(BeginningReader.decode(Topics.PLANS, record));
                case Topics.Names.EXECUTIONS -> model.execution(BeginningReader.decode(Topics.EXECUTIONS, record));
                case Topics.Names.REPORTS -> model.report(BeginningReader.decode(Topics.REPORTS, record));
                case Topics.Names.DLQ -> model.deadLetter(deadLetter(record));
                default -> LOG.debugf("ignoring a record of %s", record.topic());
            }
        } catch (InvalidEventException e) {
            LOG.warnf("skipping %s-%d@%d, it is not a valid event: %s", record.topic(), record.partition(),
                    record.offset(), LogSafe.text(e.getMessage()));
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null
                : Topics.CLUSTERS.keySerde().deserializer().deserialize(record.topic(), record.key());
    }

    private static Views.DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record) {
        var headers = record.headers();
        return new Views.DeadLetter(DeadLetters.reason(headers), header(headers, DeadLetters.FIELD),
                header(headers, DeadLetters.DETAIL),
                header(headers, DeadLetters.SERVICE),
                header(headers, DeadLetters.SOURCE_TOPIC),
                header(headers, DeadLetters.REJECTED_AT), record.offset(), record.partition());
    }

    private static String header(org.apache.kafka.common.header.Headers headers, String key) {
        var header = headers.lastHeader(key);
        return header == null || header.value() == null ? null
                : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
