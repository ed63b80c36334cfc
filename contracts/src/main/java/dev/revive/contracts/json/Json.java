package dev.revive.contracts.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration of the contracts: ISO-8601 instants and durations, and a
 * tolerant reader (unknown fields are ignored, so a newer writer does not break an older reader
 * within one major version). Hand-written files (cluster specs) are read strictly instead.
 */
public final class Json {

    private static final ObjectMapper EVENTS = configure(JsonMapper.builder().build());

    private Json() {
    }

    /** The shared, thread-safe mapper for events. Do not reconfigure it. */
    public static ObjectMapper events() {
        return EVENTS;
    }

    /** Applies the contracts' settings to a mapper of any format (JSON, YAML). */
    public static <M extends ObjectMapper> M configure(M mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength(EventCodec.MAX_BYTES)
                .build());
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        // Maps are Map.copyOf copies whose iteration order changes from JVM to JVM; sorted keys keep
        // the JSON of equal values byte-equal (the ClusterSpec ce_id is a hash of it).
        mapper.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }
}
