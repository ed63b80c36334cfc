package dev.revive.contracts.kafka;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Writes and reads CloudEvents binary-mode headers on Kafka records ({@code ce_*}, {@code content-type}). */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** Adds the attributes of {@code event} to {@code headers}, replacing earlier ones. */
    public static Headers write(Headers headers, CloudEvent event) {
        set(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        set(headers, ID, event.id());
        set(headers, SOURCE, event.source());
        set(headers, TYPE, event.type());
        set(headers, TIME, event.time().toString());
        set(headers, SUBJECT, event.subject());
        set(headers, CONTENT_TYPE, JSON);
        return headers;
    }

    /**
     * The attributes on a record, or empty when it carries none (a plain producer may send bare
     * JSON). A record that carries some but not all required ones, or bad values, is invalid.
     */
    public static Optional<CloudEvent> read(Headers headers) {
        if (headers == null || headers.lastHeader(TYPE) == null && headers.lastHeader(ID) == null) {
            return Optional.empty();
        }
        String version = require(headers, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(version)) {
            throw new InvalidEventException(RejectReason.UNSUPPORTED_VERSION, SPEC_VERSION,
                    "CloudEvents " + version + " is not supported, expected " + SPEC_VERSION_1_0);
        }
        String time = value(headers, TIME);
        try {
            return Optional.of(new CloudEvent(require(headers, ID), require(headers, SOURCE), require(headers, TYPE),
                    time == null ? null : Instant.parse(time), value(headers, SUBJECT)));
        } catch (DateTimeParseException e) {
            throw new InvalidEventException(RejectReason.INVALID_VALUE, TIME, "not an RFC 3339 time: " + time, e);
        }
    }

    private static String require(Headers headers, String key) {
        String value = value(headers, key);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(RejectReason.MISSING_FIELD, key, "CloudEvent attribute is missing");
        }
        return value;
    }

    static String value(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static void set(Headers headers, String key, String value) {
        headers.remove(key);
        if (value != null) {
            headers.add(key, EventTypes.utf8(value));
        }
    }
}
