package dev.revive.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.revive.contracts.json.Json;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Test access to the module's resources: samples, examples, and the JSON Schemas loaded by their
 * {@code $id} (mapped to the classpath) into the real validator, with format assertions on.
 */
public final class Resources {

    /** The base of every schema {@code $id}. */
    public static final String SCHEMA_BASE = "https://revive.dev/schemas/";

    /** The wire type of a sample, told by the first part of its file name. */
    public record WireType(String filePrefix, String schema, Topic<String, ?> topic) {

        /** The schema's {@code $id}. */
        public String schemaId() {
            return SCHEMA_BASE + schema;
        }
    }

    private static final Map<String, WireType> TYPES = Map.of(
            "cluster-spec", new WireType("cluster-spec", "cluster-spec.v1.schema.json", Topics.CLUSTERS),
            "fault-event", new WireType("fault-event", "fault-event.v1.schema.json", Topics.FAULTS),
            "operator-decision", new WireType("operator-decision", "operator-decision.v1.schema.json", Topics.DECISIONS),
            "recovery-plan", new WireType("recovery-plan", "recovery-plan.v1.schema.json", Topics.PLANS),
            "step-event", new WireType("step-event", "execution-event.v1.schema.json", Topics.EXECUTIONS),
            "plan-outcome", new WireType("plan-outcome", "execution-event.v1.schema.json", Topics.EXECUTIONS),
            "execution-event", new WireType("execution-event", "execution-event.v1.schema.json", Topics.EXECUTIONS),
            "recovery-report", new WireType("recovery-report", "recovery-report.v1.schema.json", Topics.REPORTS));

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_POINTER)
            .build();

    private Resources() {
    }

    /** The wire type of {@code fileName} ({@code fault-event.process-down.json} → fault-event) or of a prefix. */
    public static WireType typeOf(String fileName) {
        int dot = fileName.indexOf('.');
        String prefix = dot < 0 ? fileName : fileName.substring(0, dot);
        WireType type = TYPES.get(prefix);
        if (type == null) {
            throw new IllegalArgumentException("no wire type for " + fileName);
        }
        return type;
    }

    /** The bytes of a classpath resource such as {@code samples/x.json}. */
    public static byte[] bytes(String resource) {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A classpath resource as a file (resources live in target/ during tests). */
    public static Path path(String resource) {
        URL url = Resources.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no resource " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(resource, e);
        }
    }

    /** The JSON tree of some bytes. */
    public static JsonNode tree(byte[] json) {
        try {
            return Json.events().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema with this {@code $id}. */
    public static JsonSchema schema(String id) {
        return SCHEMAS.getSchema(SchemaLocation.of(id), CONFIG);
    }

    /**
     * Where a validation message points, as a JSON pointer; for a missing required property, the
     * pointer of that property ({@code /steps/1/params/timeout}).
     */
    public static String pointer(ValidationMessage message) {
        String location = message.getInstanceLocation().toString();
        return "required".equals(message.getType()) ? location + "/" + message.getProperty() : location;
    }

    /** The JSON pointer of a dotted field path as the serde names it ({@code steps[1].params.timeout}). */
    public static String pointer(String field) {
        return field.equals("$") ? "" : "/" + field.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
    }

    /** What the schema of {@code type} says about {@code json}; empty when it is valid. */
    public static Set<ValidationMessage> validate(WireType type, JsonNode json) {
        return schema(type.schemaId()).validate(json);
    }
}
