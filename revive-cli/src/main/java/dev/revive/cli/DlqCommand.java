package dev.revive.cli;

import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.Topics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code revive dlq [--replay ID]}: the dead letters of {@code revive.dlq} with their reasons; a replay re-publishes the
 * original record (key, value, its own headers without the {@code revive.dlq.*} ones) to the topic it came from. An id
 * is {@code partition:offset} in {@code revive.dlq}.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = {"Lists the dead letters (revive.dlq) with their reason, field and detail.",
            "--replay ID re-publishes one to the topic it came from (after fixing what was wrong, e.g. trusting a key)."},
        footerHeading = "%nExamples:%n", footer = {"  revive dlq", "  revive dlq --json", "  revive dlq --replay 0:17"})
final class DlqCommand implements Callable<Integer> {

    @ParentCommand
    Revive revive;
    @Mixin
    Connection connection;
    @Option(names = "--replay", paramLabel = "ID", description = "Re-publish this dead letter (partition:offset).")
    String replay;

    @Override
    public Integer call() {
        Kafka kafka = connection.kafka();
        List<ConsumerRecord<byte[], byte[]>> letters = kafka.readAll(Topics.Names.DLQ);
        if (replay != null) {
            ConsumerRecord<byte[], byte[]> letter = letters.stream().filter(each -> id(each).equals(replay)).findFirst()
                    .orElseThrow(() -> new Exit.Failure(Exit.FAILED, "no dead letter " + replay));
            return replay(kafka, letter);
        }
        List<Map<String, Object>> rows = letters.stream().map(DlqCommand::row).toList();
        if (connection.json) {
            revive.json(rows);
            return Exit.OK;
        }
        revive.out.printf("%-8s %-24s %-22s %-10s %-20s %s%n", "ID", "AT", "REASON", "SERVICE", "FROM", "FIELD: DETAIL");
        rows.forEach(row -> revive.out.printf("%-8s %-24s %-22s %-10s %-20s %s: %s%n", row.get("id"), row.get("at"),
                row.get("reason"), row.get("service"), row.get("sourceTopic"), row.get("field"), row.get("detail")));
        if (rows.isEmpty()) {
            revive.out.println("(no dead letter)");
        }
        return Exit.OK;
    }

    private int replay(Kafka kafka, ConsumerRecord<byte[], byte[]> letter) {
        Map<String, String> headers = Records.headers(letter.headers());
        String topic = headers.get(DeadLetters.SOURCE_TOPIC);
        if (topic == null || !Topics.names().contains(topic) || topic.equals(Topics.Names.DLQ)) {
            throw new Exit.Failure(Exit.FAILED, "dead letter " + replay + " names no Revive topic to go back to: " + topic);
        }
        if (headers.containsKey(DeadLetters.TRUNCATED)) {
            throw new Exit.Failure(Exit.FAILED, "dead letter " + replay + " was truncated: the original cannot be replayed");
        }
        ProducerRecord<byte[], byte[]> original = new ProducerRecord<>(topic, letter.key(), letter.value());
        for (Header header : letter.headers()) {
            if (!header.key().startsWith("revive.dlq.")) {
                original.headers().add(header);
            }
        }
        RecordMetadata metadata = kafka.send(original);
        if (connection.json) {
            revive.json(Map.of("id", replay, "topic", metadata.topic(), "partition", metadata.partition(), "offset",
                    metadata.offset()));
        } else {
            revive.out.printf("dead letter %s re-published to %s@%d:%d%n", replay, metadata.topic(),
                    metadata.partition(), metadata.offset());
        }
        return Exit.OK;
    }

    private static String id(ConsumerRecord<byte[], byte[]> letter) {
        return letter.partition() + ":" + letter.offset();
    }

    private static Map<String, Object> row(ConsumerRecord<byte[], byte[]> letter) {
        Map<String, String> headers = Records.headers(letter.headers());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id(letter));
        row.put("at", Instant.ofEpochMilli(letter.timestamp()).toString());
        row.put("key", Records.key(letter));
        row.put("reason", headers.get(DeadLetters.REASON));
        row.put("field", headers.get(DeadLetters.FIELD));
        row.put("detail", headers.get(DeadLetters.DETAIL));
        row.put("service", headers.get(DeadLetters.SERVICE));
        row.put("sourceTopic", headers.get(DeadLetters.SOURCE_TOPIC));
        row.put("sourcePartition", headers.get(DeadLetters.SOURCE_PARTITION));
        row.put("sourceOffset", headers.get(DeadLetters.SOURCE_OFFSET));
        return row;
    }
}
