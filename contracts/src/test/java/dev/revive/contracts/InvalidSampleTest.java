package dev.revive.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.revive.contracts.Resources.WireType;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.Json;
import dev.revive.contracts.json.RejectReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Every sample under {@code invalid/} is rejected by its topic's serde for the reason and field
 * listed in {@code invalid/expectations.csv}, and by its schema where JSON Schema can state the rule.
 * Rules it cannot state (column {@code not-expressible}): unique step ids in a plan, unique node ids
 * in a spec, and a temp path that is or contains its node's data dir; only the records catch those.
 */
class InvalidSampleTest {

    @ParameterizedTest(name = "{0}: {1} at {2}, schema {3}")
    @CsvFileSource(resources = "/invalid/expectations.csv", numLinesToSkip = 1)
    void serdeRejectsSampleWithTheExpectedReasonAndField(String file, RejectReason reason, String field, String schema) {
        // given
        WireType type = Resources.typeOf(file);
        byte[] bytes = Resources.bytes("invalid/" + file);

        // when
        InvalidEventException rejection = catchThrowableOfType(InvalidEventException.class,
                () -> type.topic().valueSerde().deserializer().deserialize(type.topic().name(), bytes));

        // then
        assertThat(rejection).as("%s must be rejected", file).isNotNull();
        assertThat(rejection.reason()).as(rejection.getMessage()).isEqualTo(reason);
        assertThat(rejection.field()).as(rejection.getMessage()).isEqualTo(field);
    }

    @ParameterizedTest(name = "{0}: schema {3}")
    @CsvFileSource(resources = "/invalid/expectations.csv", numLinesToSkip = 1)
    void schemaRejectsSampleWhereTheRuleIsExpressible(String file, RejectReason reason, String field, String schema) {
        // given
        WireType type = Resources.typeOf(file);
        byte[] bytes = Resources.bytes("invalid/" + file);

        // then
        switch (schema) {
            case "rejects" -> assertThat(Resources.validate(type, Resources.tree(bytes)))
                    .extracting(Resources::pointer)
                    .anySatisfy(pointer -> assertThat(pointer).satisfiesAnyOf(
                            at -> assertThat(at).isEqualTo(Resources.pointer(field)),
                            within -> assertThat(within).startsWith(Resources.pointer(field) + "/")));
            case "not-expressible" -> assertThat(Resources.validate(type, Resources.tree(bytes))).isEmpty();
            case "not-json" -> assertThatThrownBy(() -> Json.events().readTree(bytes))
                    .isInstanceOf(JsonProcessingException.class);
            default -> throw new IllegalArgumentException("unknown schema expectation '" + schema + "' for " + file);
        }
    }

    @Test
    void everyInvalidSampleIsListedOnce() throws IOException {
        // given
        String csv = new String(Resources.bytes("invalid/expectations.csv"), StandardCharsets.UTF_8);
        Stream<String> listed = csv.lines().filter(line -> !line.startsWith("#")).skip(1).map(line -> line.split(",")[0]);

        // then
        try (Stream<Path> files = Files.list(Resources.path("invalid"))) {
            assertThat(listed.toList()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files
                    .map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .toList());
        }
    }
}
