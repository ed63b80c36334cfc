package dev.revive.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    private static final EventCodec<FaultEvent> CODEC = EventCodec.of(FaultEvent.class);

    @Test
    void invalidIdIs400NamingTheField() {
        // given a fault whose node id could smuggle a shell command
        InvalidEventException invalid = decode("""
                {"faultId":"f-1","clusterId":"orders","nodeId":"node 1;rm","kind":"UNHEALTHY","severity":"WARNING",
                 "observedAt":"2026-11-21T10:00:00Z","source":"alertmanager","dedupKey":"orders/n1"}""");

        // when it is mapped
        Problem problem = Problems.invalidEvent(invalid, "/faults");

        // then the answer is a 400 that names the field and the reason
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(Problems.TYPE_BASE + "invalid-event");
        assertThat(problem.field()).isEqualTo("nodeId");
        assertThat(problem.reason()).isEqualTo(RejectReason.INVALID_ID.name());
        assertThat(problem.detail()).contains("node 1;rm");
        assertThat(problem.instance()).isEqualTo("/faults");
    }

    @Test
    void malformedJsonIs400ForTheWholeRecord() {
        Problem problem = Problems.invalidEvent(decode("{\"faultId\": "), "/faults");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.field()).isEqualTo("$");
        assertThat(problem.reason()).isEqualTo(RejectReason.MALFORMED.name());
    }

    @Test
    void oversizedBodyIs413() {
        Problem problem = Problems.invalidEvent(decode(" ".repeat(EventCodec.MAX_BYTES + 1)), "/faults");

        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.reason()).isEqualTo(RejectReason.TOO_LARGE.name());
    }

    @Test
    void plainHttpErrorsAreAboutBlankWithTheReasonPhrase() {
        Problem problem = Problems.http(415, "text/plain is not supported", "/faults");

        assertThat(problem.type()).isEqualTo("about:blank");
        assertThat(problem.title()).isEqualTo("Unsupported Media Type");
        assertThat(problem.status()).isEqualTo(415);
    }

    @Test
    void unexpectedErrorsShowNoInternals() {
        Problem problem = Problems.unexpected("/faults");

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).doesNotContain("Exception");
    }

    @Test
    void jsonHasTheRfc9457MembersAndOmitsAbsentExtensions() throws Exception {
        JsonNode json = new ObjectMapper().valueToTree(Problems.unauthorized("/faults"));

        assertThat(json.has("type")).isTrue();
        assertThat(json.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(json.get("status").asInt()).isEqualTo(401);
        assertThat(json.has("detail")).isTrue();
        assertThat(json.get("instance").asText()).isEqualTo("/faults");
        assertThat(json.has("field")).isFalse();
        assertThat(json.has("reason")).isFalse();
    }

    private static InvalidEventException decode(String json) {
        return catchThrowableOfType(InvalidEventException.class,
                () -> CODEC.decode(json.getBytes(StandardCharsets.UTF_8)));
    }
}
