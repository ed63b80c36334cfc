package dev.revive.contracts.kafka;

import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde of one contract type. Deserialising checks the CloudEvent type header when there is
 * one, and turns every bad record into an {@link InvalidEventException}; a null value stays null
 * (a tombstone on a compacted topic).
 *
 * @param <T> the contract type
 */
public class EventSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final EventCodec<T> codec;
    private final Set<String> types;

    /**
     * @param codec the JSON codec of the type
     * @param types the CloudEvent types a record of this topic may carry
     */
    public EventSerde(EventCodec<T> codec, Set<String> types) {
        this.codec = codec;
        this.types = Set.copyOf(types);
    }

    public EventCodec<T> codec() {
        return codec;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : codec.encode(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : codec.decode(data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        CloudEventHeaders.read(headers).ifPresent(event -> requireKnownType(event.type()));
        return deserialize(topic, data);
    }

    private void requireKnownType(String type) {
        if (types.contains(type)) {
            return;
        }
        boolean knownFamily = types.stream().anyMatch(known -> EventTypes.family(known).equals(EventTypes.family(type)));
        throw new InvalidEventException(knownFamily ? RejectReason.UNSUPPORTED_VERSION : RejectReason.UNKNOWN_TYPE,
                CloudEventHeaders.TYPE, "'" + type + "' is not one of " + types);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public void close() {
    }
}
