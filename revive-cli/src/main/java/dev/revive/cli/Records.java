package dev.revive.cli;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Revive's records as the CLI shows them: values decoded with the topics' own serdes, headers as text. */
final class Records {

    private Records() {
    }

    /** The record's value decoded by its topic's serde; a DLQ record's or an undecodable value's as text. */
    static Object value(ConsumerRecord<byte[], byte[]> record) {
        for (Topic<?, ?> topic : Topics.ALL) {
            if (topic.name().equals(record.topic()) && topic != Topics.DLQ) {
                try {
                    return topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(),
                            record.value());
                } catch (InvalidEventException e) {
                    return "undecodable: " + e.getMessage();
                }
            }
        }
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    /** The headers as text (the last value of each). */
    static Map<String, String> headers(Headers headers) {
        Map<String, String> text = new LinkedHashMap<>();
        for (Header header : headers) {
            text.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return text;
    }

    /** A record's key as text. */
    static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
}
