package dev.revive.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.revive.contracts.Resources;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.Json;
import dev.revive.contracts.json.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The topic serdes turn every bad record into an InvalidEventException with a reason, never a null or an NPE. */
class EventSerdeTest {

    private static final Topic<String, FaultEvent> FAULTS = Topics.FAULTS;
    private static final byte[] FAULT = Resources.bytes("samples/fault-event.process-down.json");
    private static final Instant AT = Instant.parse("2025-03-14T09:26:53.500Z");

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"faultId\": ", "{\"faultId\": \"flt-1\",}", "<fault/>", "\u0000\u00ff\u0001"})
    void badBytesAreMalformed(String bytes) {
        assertRejected(() -> deserialize(bytes.getBytes(StandardCharsets.UTF_8), null), RejectReason.MALFORMED);
    }

    @Test
    void emptyBytesAreMalformedNotNull() {
        InvalidEventException rejection = assertRejected(() -> deserialize(new byte[0], null), RejectReason.MALFORMED);

        assertThat(rejection.field()).isEqualTo("$");
    }

    @Test
    void nullValueIsATombstoneBothWays() {
        assertThat(deserialize(null, null)).isNull();
        assertThat(deserialize(null, new RecordHeaders())).isNull();
        assertThat(FAULTS.valueSerde().serializer().serialize(FAULTS.name(), null)).isNull();
    }

    @Test
    void recordWithMatchingCloudEventHeadersIsRead() {
        // given
        FaultEvent fault = deserialize(FAULT, null);

        // when
        FaultEvent read = deserialize(FAULT, headersOf(fault));

        // then
        assertThat(read).isEqualTo(fault);
    }

    @Test
    void laterVersionOfAKnownTypeIsUnsupported() {
        Headers headers = withType(headersOf(deserialize(FAULT, null)), "dev.revive.fault.v2");

        InvalidEventException rejection = assertRejected(() -> deserialize(FAULT, headers), RejectReason.UNSUPPORTED_VERSION);

        assertThat(rejection.field()).isEqualTo(CloudEventHeaders.TYPE);
    }

    @Test
    void unknownTypeIsRejected() {
        Headers headers = withType(headersOf(deserialize(FAULT, null)), "dev.revive.nope.v1");

        InvalidEventException rejection = assertRejected(() -> deserialize(FAULT, headers), RejectReason.UNKNOWN_TYPE);

        assertThat(rejection.field()).isEqualTo(CloudEventHeaders.TYPE);
    }

    @Test
    void typeOfAnotherTopicIsRejected() {
        Headers headers = withType(headersOf(deserialize(FAULT, null)), EventTypes.PLAN);

        assertRejected(() -> deserialize(FAULT, headers), RejectReason.UNKNOWN_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.ID, CloudEventHeaders.SOURCE})
    void partialCloudEventHeadersAreAMissingField(String dropped) {
        // given
        Headers headers = headersOf(deserialize(FAULT, null));
        headers.remove(dropped);

        // when
        InvalidEventException rejection = assertRejected(() -> deserialize(FAULT, headers), RejectReason.MISSING_FIELD);

        // then
        assertThat(rejection.field()).isEqualTo(dropped);
    }

    @Test
    void cloudEventsSpecVersionOtherThan1dot0IsUnsupported() {
        Headers headers = headersOf(deserialize(FAULT, null));
        headers.remove(CloudEventHeaders.SPEC_VERSION);
        headers.add(CloudEventHeaders.SPEC_VERSION, "0.3".getBytes(StandardCharsets.UTF_8));

        assertRejected(() -> deserialize(FAULT, headers), RejectReason.UNSUPPORTED_VERSION);
    }

    @Test
    void unknownJsonFieldsAreIgnoredByEventReaders() throws Exception {
        // given
        ObjectNode newer = (ObjectNode) Resources.tree(FAULT);
        newer.put("region", "eu-west-1");
        newer.putObject("correlation").put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");

        // when
        FaultEvent read = deserialize(Json.events().writeValueAsBytes(newer), null);

        // then
        assertThat(read).isEqualTo(deserialize(FAULT, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"step-event.succeeded.json", "plan-outcome.completed.json"})
    void executionsSerdeReadsStepsAndOutcomesUnderTheirOwnTypes(String sample) {
        // given
        byte[] json = Resources.bytes("samples/" + sample);
        ExecutionEvent event = Topics.EXECUTIONS.valueSerde().deserializer().deserialize(Topics.EXECUTIONS.name(), json);

        // when
        ExecutionEvent read = Topics.EXECUTIONS.valueSerde().deserializer()
                .deserialize(Topics.EXECUTIONS.name(), headersOf(event), json);

        // then
        assertThat(read).isEqualTo(event).isInstanceOf(sample.startsWith("step") ? StepEvent.class : PlanOutcome.class);
    }

    private static FaultEvent deserialize(byte[] value, Headers headers) {
        return headers == null
                ? FAULTS.valueSerde().deserializer().deserialize(FAULTS.name(), value)
                : FAULTS.valueSerde().deserializer().deserialize(FAULTS.name(), headers, value);
    }

    private static Headers headersOf(Object event) {
        return CloudEventHeaders.write(new RecordHeaders(), EventTypes.describe(event, "/revive/test", AT));
    }

    private static Headers withType(Headers headers, String type) {
        headers.remove(CloudEventHeaders.TYPE);
        headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static InvalidEventException assertRejected(ThrowingCallable read, RejectReason reason) {
        InvalidEventException rejection = catchThrowableOfType(InvalidEventException.class, read);
        assertThat(rejection).as("must throw InvalidEventException").isNotNull();
        assertThat(rejection.reason()).as(rejection.getMessage()).isEqualTo(reason);
        return rejection;
    }
}
