package dev.revive.contracts.cluster;

import static dev.revive.contracts.Violations.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The verifier's tolerances: the throughput window defaults to the runbook's minute and must be positive. */
class VerificationTolerancesTest {

    @Test
    void specWrittenBeforeTheThroughputWindowGetsTheRunbooksMinute() {
        byte[] json = "{\"maxAppliedIndexLag\":100,\"recordCountTolerance\":0.005,\"metricsTolerance\":0.15}"
                .getBytes(StandardCharsets.UTF_8);

        VerificationTolerances tolerances = EventCodec.of(VerificationTolerances.class).decode(json);

        assertThat(tolerances.throughputWindow()).isEqualTo(Duration.ofMinutes(1));
        assertThat(tolerances).isEqualTo(new VerificationTolerances(100, 0.005, 0.15))
                .isEqualTo(VerificationTolerances.defaults());
    }

    @Test
    void specCanSetAShortThroughputWindow() {
        byte[] json = ("{\"maxAppliedIndexLag\":100,\"recordCountTolerance\":0.005,\"metricsTolerance\":0.15,"
                + "\"throughputWindow\":\"PT5S\"}").getBytes(StandardCharsets.UTF_8);

        VerificationTolerances tolerances = EventCodec.of(VerificationTolerances.class).decode(json);

        assertThat(tolerances.throughputWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(VerificationTolerances.defaults().withThroughputWindow(Duration.ofSeconds(5))).isEqualTo(tolerances);
    }

    @Test
    void throughputWindowMustBePositive() {
        assertViolation(() -> new VerificationTolerances(100, 0.005, 0.15, Duration.ZERO), "throughputWindow",
                Reason.INVALID_VALUE);
        assertViolation(() -> new VerificationTolerances(100, 0.005, 0.15, Duration.ofSeconds(-1)),
                "throughputWindow", Reason.INVALID_VALUE);
    }
}
