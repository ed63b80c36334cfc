package dev.revive.detector.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.Json;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.CloudEvent;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.service.api.ApiTokenRequired;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * {@code POST /alerts/cloudevents}: a fault as a CloudEvent over HTTP, type {@code dev.revive.fault.v1} with a
 * {@link FaultEvent} as data, in structured mode ({@code application/cloudevents+json}) or binary mode ({@code ce-*}
 * headers, a JSON body). The attributes are checked by the contracts' {@link CloudEventHeaders}, the fault goes the
 * way of {@code POST /faults} ({@link FaultIntake}); answered 202 with its id.
 */
@Path("/alerts/cloudevents")
@ApiTokenRequired
public class CloudEventResource {

    /** The media type of structured mode. */
    public static final String STRUCTURED = "application/cloudevents+json";

    private static final EventCodec<FaultEvent> CODEC = EventCodec.of(FaultEvent.class);
    private static final String HTTP_PREFIX = "ce-";
    private static final String KAFKA_PREFIX = "ce_";

    @Inject
    FaultIntake intake;

    /** Structured mode: the attributes and {@code data} in one JSON object. */
    @POST
    @Consumes(STRUCTURED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response structured(byte[] body) {
        JsonNode event = parse(body);
        Headers attributes = new RecordHeaders();
        for (Iterator<Map.Entry<String, JsonNode>> fields = event.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isValueNode() && !"data".equals(field.getKey())) {
                attributes.add(KAFKA_PREFIX + field.getKey(), field.getValue().asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        checkAttributes(attributes, "");
        String contentType = event.path("datacontenttype").asText(CloudEventHeaders.JSON);
        if (!isJson(contentType)) {
            throw new InvalidEventException(RejectReason.INVALID_VALUE, "datacontenttype",
                    "must be application/json but was '" + abbreviate(contentType) + "'");
        }
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidEventException(RejectReason.MISSING_FIELD, "data", "a FaultEvent object is required");
        }
        try {
            return accepted(CODEC.decode(Json.events().writeValueAsBytes(data)));
        } catch (InvalidEventException e) {
            String field = "$".equals(e.field()) ? "data" : "data." + e.field();
            throw new InvalidEventException(e.reason(), field, e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidEventException(RejectReason.MALFORMED, "data", "cannot be read as JSON", e);
        }
    }

    /** Binary mode: the attributes in {@code ce-*} headers, the {@link FaultEvent} as the JSON body. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response binary(byte[] body, @jakarta.ws.rs.core.Context HttpHeaders http) {
        Headers attributes = new RecordHeaders();
        http.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(HTTP_PREFIX) && !values.isEmpty()) {
                attributes.add(KAFKA_PREFIX + lower.substring(HTTP_PREFIX.length()),
                        values.get(0).getBytes(StandardCharsets.UTF_8));
            }
        });
        checkAttributes(attributes, HTTP_PREFIX);
        return accepted(CODEC.decode(body));
    }

    private Response accepted(FaultEvent fault) {
        intake.accept(fault);
        return Response.accepted(new FaultResource.Accepted(fault.faultId())).build();
    }

    /**
     * Reads the attributes with the contracts' reader (spec version 1.0, id, source, type, time) and requires the
     * fault type; a field is named as the sender wrote it ({@code ce-type} in binary mode, {@code type} structured).
     */
    private static void checkAttributes(Headers attributes, String prefix) {
        Optional<CloudEvent> event;
        try {
            event = CloudEventHeaders.read(attributes);
        } catch (InvalidEventException e) {
            throw new InvalidEventException(e.reason(), rename(e.field(), prefix), e.getMessage(), e);
        }
        if (event.isEmpty()) {
            throw new InvalidEventException(RejectReason.MISSING_FIELD, prefix + "type",
                    "CloudEvent attributes are missing (specversion, id, source, type)");
        }
        String type = event.get().type();
        if (!EventTypes.FAULT.equals(type)) {
            boolean otherVersion = type.startsWith(EventTypes.PREFIX + "fault.");
            throw new InvalidEventException(otherVersion ? RejectReason.UNSUPPORTED_VERSION : RejectReason.UNKNOWN_TYPE,
                    prefix + "type", "must be " + EventTypes.FAULT + " but was '" + abbreviate(type) + "'");
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidEventException(RejectReason.MALFORMED, "$", "empty body, expected a CloudEvent");
        }
        if (body.length > EventCodec.MAX_BYTES) {
            throw new InvalidEventException(RejectReason.TOO_LARGE, "$",
                    body.length + " bytes, the limit is " + EventCodec.MAX_BYTES);
        }
        try {
            JsonNode node = Json.events().readTree(body);
            if (node == null || !node.isObject()) {
                throw new InvalidEventException(RejectReason.MALFORMED, "$", "expected a CloudEvent JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidEventException(RejectReason.MALFORMED, "$", "not valid JSON", e);
        }
    }

    private static String rename(String kafkaField, String prefix) {
        return kafkaField.startsWith(KAFKA_PREFIX) ? prefix + kafkaField.substring(KAFKA_PREFIX.length()) : kafkaField;
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals(CloudEventHeaders.JSON) || type.endsWith("+json");
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
