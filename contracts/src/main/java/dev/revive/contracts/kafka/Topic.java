package dev.revive.contracts.kafka;

import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic of Revive with its key and value serdes. The constants in {@link Topics} are the
 * only place where topic names are spelled.
 *
 * @param name       the topic name
 * @param keySerde   the key serde (keys are cluster ids)
 * @param valueSerde the value serde
 * @param compacted  whether the topic keeps only the latest value per key
 * @param <K>        the key type
 * @param <V>        the value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {

    @Override
    public String toString() {
        return name;
    }
}
