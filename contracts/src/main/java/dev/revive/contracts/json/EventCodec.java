package dev.revive.contracts.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.revive.contracts.validation.ContractViolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * Turns one contract type into JSON bytes and back. Bad bytes never come out as a stack trace or
 * a null: they become an {@link InvalidEventException} that names the field and the reason.
 *
 * @param <T> the contract type
 */
public final class EventCodec<T> {

    /** The largest record any Revive topic or endpoint accepts. */
    public static final int MAX_BYTES = 1024 * 1024;

    private final Class<T> type;
    private final ObjectMapper mapper;

    public EventCodec(Class<T> type, ObjectMapper mapper) {
        this.type = type;
        this.mapper = mapper;
    }

    /** A codec with the events' tolerant mapper. */
    public static <T> EventCodec<T> of(Class<T> type) {
        return new EventCodec<>(type, Json.events());
    }

    public Class<T> type() {
        return type;
    }

    public byte[] encode(T value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + type.getSimpleName(), e);
        }
    }

    /** Reads one value; throws {@link InvalidEventException} for anything that is not a valid one. */
    public T decode(byte[] data) {
        if (data == null || data.length == 0) {
            throw new InvalidEventException(RejectReason.MALFORMED, "$", "empty record, expected a JSON "
                    + type.getSimpleName());
        }
        if (data.length > MAX_BYTES) {
            throw new InvalidEventException(RejectReason.TOO_LARGE, "$",
                    data.length + " bytes, the limit is " + MAX_BYTES);
        }
        try {
            T value = mapper.readValue(data, type);
            if (value == null) {
                throw new InvalidEventException(RejectReason.MALFORMED, "$", "null, expected a JSON " + type.getSimpleName());
            }
            return value;
        } catch (IOException e) {
            throw classify(e);
        }
    }

    /** Maps a Jackson failure to the field and reason a sender can act on. */
    static InvalidEventException classify(IOException failure) {
        if (failure instanceof JsonMappingException mapping) {
            String path = path(mapping);
            ContractViolation violation = violation(mapping);
            if (violation != null) {
                String field = path.equals("$") ? violation.field() : path + "." + violation.field();
                return new InvalidEventException(reasonOf(violation), field, violation.detail(), failure);
            }
            if (failure instanceof InvalidTypeIdException unknown) {
                return new InvalidEventException(RejectReason.UNKNOWN_TYPE, path,
                        "unknown type '" + unknown.getTypeId() + "'", failure);
            }
            if (failure instanceof MismatchedInputException && isAbsentNumber(mapping)) {
                return new InvalidEventException(RejectReason.MISSING_FIELD, path, "is required", failure);
            }
            if (failure instanceof MismatchedInputException) {
                return new InvalidEventException(RejectReason.INVALID_VALUE, path, mapping.getOriginalMessage(), failure);
            }
            return new InvalidEventException(RejectReason.MALFORMED, path, mapping.getOriginalMessage(), failure);
        }
        String detail = failure instanceof JacksonException jackson ? jackson.getOriginalMessage() : failure.getMessage();
        return new InvalidEventException(RejectReason.MALFORMED, "$", "not valid JSON: " + detail, failure);
    }

    private static ContractViolation violation(JsonMappingException failure) {
        if (failure instanceof ValueInstantiationException && failure.getCause() instanceof ContractViolation violation) {
            return violation;
        }
        return null;
    }

    /** A required number (a primitive component) that is absent or null: FAIL_ON_NULL_FOR_PRIMITIVES. */
    private static boolean isAbsentNumber(JsonMappingException failure) {
        String message = failure.getOriginalMessage();
        return message != null && message.startsWith("Cannot map `null` into type");
    }

    private static RejectReason reasonOf(ContractViolation violation) {
        return RejectReason.valueOf(violation.reason().name());
    }

    private static String path(JsonMappingException failure) {
        if (failure.getPath().isEmpty()) {
            return "$";
        }
        String dotted = failure.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        return dotted.startsWith(".") ? dotted.substring(1) : dotted;
    }
}
