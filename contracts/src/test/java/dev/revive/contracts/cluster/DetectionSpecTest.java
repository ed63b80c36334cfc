package dev.revive.contracts.cluster;

import static dev.revive.contracts.Violations.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Log rules and resource limits: the operations runbook's defaults, and refusals of rules that cannot work. */
class DetectionSpecTest {

    @Test
    void absentDetectionIsTheDefaultRulesAndLimits() {
        DetectionSpec detection = DetectionSpec.defaults();

        assertThat(detection.logRules()).isEqualTo(LogRule.defaults());
        assertThat(detection.resources()).isEqualTo(ResourceLimits.defaults());
        assertThat(new DetectionSpec(List.of(), null).logRules()).as("an empty list switches log rules off").isEmpty();
    }

    @Test
    void defaultLogRulesCoverTheRunbookKeywords() {
        assertThat(LogRule.defaults()).extracting(LogRule::name, LogRule::fault).containsExactly(
                tuple("too-many-open-files", FaultKind.LOG_ERROR),
                tuple("deadlock", FaultKind.LOCK_CONTENTION),
                tuple("out-of-memory", FaultKind.RESOURCE_EXHAUSTED),
                tuple("disk-full", FaultKind.DISK_FULL),
                tuple("timeout", FaultKind.LOG_ERROR));
        assertThat(rule("out-of-memory").pattern()).satisfies(pattern -> {
            assertThat("java.lang.OutOfMemoryError: Java heap space").containsPattern(pattern);
            assertThat("fatal: Out Of Memory").containsPattern(pattern);
        });
        assertThat("request timed out after 5s").containsPattern(rule("timeout").pattern());
        assertThat(rule("timeout").matches()).isEqualTo(20);
    }

    @Test
    void logRuleDefaultsToOneMatchInOneMinute() {
        LogRule rule = new LogRule("oom", "OutOfMemoryError", FaultKind.RESOURCE_EXHAUSTED, 0, null);

        assertThat(rule.matches()).isEqualTo(1);
        assertThat(rule.window()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void logRuleRefusesRecoveredABadPatternAndABadWindow() {
        assertViolation(() -> new LogRule("ok", "back to normal", FaultKind.RECOVERED, 1, null), "fault",
                Reason.INVALID_VALUE);
        assertViolation(() -> new LogRule("bad", "(unclosed", FaultKind.LOG_ERROR, 1, null), "pattern",
                Reason.INVALID_VALUE);
        assertViolation(() -> new LogRule("blank", " ", FaultKind.LOG_ERROR, 1, null), "pattern", Reason.MISSING_FIELD);
        assertViolation(() -> new LogRule("none", "x", null, 1, null), "fault", Reason.MISSING_FIELD);
        assertViolation(() -> new LogRule("neg", "x", FaultKind.LOG_ERROR, -1, null), "matches", Reason.INVALID_VALUE);
        assertViolation(() -> new LogRule("zero", "x", FaultKind.LOG_ERROR, 1, Duration.ZERO), "window",
                Reason.INVALID_VALUE);
    }

    @Test
    void resourceLimitsDefaultToTheRunbookThresholds() {
        ResourceLimits limits = ResourceLimits.defaults();

        assertThat(limits.cpuPercent()).isEqualTo(85);
        assertThat(limits.cpuFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(limits.memoryBytes()).as("no memory limit").isZero();
        assertThat(limits.memoryFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(limits.fdPercent()).isEqualTo(90);
        assertThat(limits.fdFor()).isEqualTo(Duration.ofMinutes(1));
        assertThat(limits.diskPercent()).isEqualTo(90);
        assertThat(limits.diskFor()).isEqualTo(Duration.ofMinutes(1));
        assertThat(limits.memoryPercent()).isEqualTo(85);
        assertThat(limits.diskLatencyMillis()).isEqualTo(20);
        assertThat(limits.diskLatencyFor()).isEqualTo(Duration.ofSeconds(10));
        assertThat(limits.retransmitPercent()).isEqualTo(3);
        assertThat(limits.retransmitFor()).isEqualTo(Duration.ofSeconds(15));
        assertThat(limits.successRatePercent()).isEqualTo(95);
        assertThat(limits.successRateFor()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void collectionThresholdsRefuseOutOfRangeValues() {
        assertViolation(() -> collection(101, 0, null, 0, null, 0, null), "memoryPercent", Reason.INVALID_VALUE);
        assertViolation(() -> collection(0, -1, null, 0, null, 0, null), "diskLatencyMillis", Reason.INVALID_VALUE);
        assertViolation(() -> collection(0, 0, Duration.ZERO, 0, null, 0, null), "diskLatencyFor",
                Reason.INVALID_VALUE);
        assertViolation(() -> collection(0, 0, null, 101, null, 0, null), "retransmitPercent", Reason.INVALID_VALUE);
        assertViolation(() -> collection(0, 0, null, 0, Duration.ofSeconds(-1), 0, null), "retransmitFor",
                Reason.INVALID_VALUE);
        assertViolation(() -> collection(0, 0, null, 0, null, -5, null), "successRatePercent", Reason.INVALID_VALUE);
        assertViolation(() -> collection(0, 0, null, 0, null, 0, Duration.ZERO), "successRateFor",
                Reason.INVALID_VALUE);
    }

    @Test
    void specWrittenBeforeTheCollectionThresholdsGetsTheirDefaults() {
        // given: the resources of an older spec, without memory %, disk latency, retransmits or success rate
        byte[] json = ("{\"cpuPercent\":90,\"cpuFor\":\"PT2M\",\"memoryBytes\":0,\"memoryFor\":\"PT5M\","
                + "\"fdPercent\":80,\"fdFor\":\"PT1M\",\"diskPercent\":85,\"diskFor\":\"PT1M\"}")
                .getBytes(StandardCharsets.UTF_8);

        // when
        ResourceLimits limits = EventCodec.of(ResourceLimits.class).decode(json);

        // then: what it says is kept, the rest defaults, the same as the old constructor gives
        assertThat(limits.cpuPercent()).isEqualTo(90);
        assertThat(limits.memoryPercent()).isEqualTo(85);
        assertThat(limits.diskLatencyFor()).isEqualTo(Duration.ofSeconds(10));
        assertThat(limits).isEqualTo(new ResourceLimits(90, Duration.ofMinutes(2), 0, null, 80, null, 85, null));
    }

    @Test
    void specCanSetTheCollectionThresholdsInSeconds() {
        byte[] json = ("{\"memoryPercent\":50,\"diskLatencyMillis\":5,\"diskLatencyFor\":\"PT2S\","
                + "\"retransmitPercent\":1,\"retransmitFor\":\"PT3S\",\"successRatePercent\":99,"
                + "\"successRateFor\":\"PT4S\",\"memoryBytes\":null}").getBytes(StandardCharsets.UTF_8);

        ResourceLimits limits = EventCodec.of(ResourceLimits.class).decode(json);

        assertThat(limits).isEqualTo(collection(50, 5, Duration.ofSeconds(2), 1, Duration.ofSeconds(3), 99,
                Duration.ofSeconds(4)));
        assertThat(limits.memoryBytes()).isZero();
    }

    @Test
    void resourceLimitsRefuseOutOfRangeValues() {
        assertViolation(() -> new ResourceLimits(-1, null, 0, null, 0, null, 0, null), "cpuPercent", Reason.INVALID_VALUE);
        assertViolation(() -> new ResourceLimits(0, null, -1, null, 0, null, 0, null), "memoryBytes", Reason.INVALID_VALUE);
        assertViolation(() -> new ResourceLimits(0, null, 0, null, 101, null, 0, null), "fdPercent", Reason.INVALID_VALUE);
        assertViolation(() -> new ResourceLimits(0, null, 0, null, 0, null, 101, null), "diskPercent", Reason.INVALID_VALUE);
        assertViolation(() -> new ResourceLimits(0, Duration.ofSeconds(-5), 0, null, 0, null, 0, null), "cpuFor",
                Reason.INVALID_VALUE);
    }

    @Test
    void specGivingOnlySomeThresholdsGetsTheDefaultsForTheRest() {
        // given: a spec that sets only what differs (tests use seconds)
        byte[] json = "{\"cpuPercent\":50,\"cpuFor\":\"PT3S\",\"fdFor\":null}".getBytes(StandardCharsets.UTF_8);
        byte[] rule = "{\"name\":\"oom\",\"pattern\":\"OutOfMemoryError\",\"fault\":\"RESOURCE_EXHAUSTED\"}"
                .getBytes(StandardCharsets.UTF_8);

        // when
        ResourceLimits limits = EventCodec.of(ResourceLimits.class).decode(json);
        LogRule oom = EventCodec.of(LogRule.class).decode(rule);

        // then
        assertThat(limits.cpuPercent()).isEqualTo(50);
        assertThat(limits.cpuFor()).isEqualTo(Duration.ofSeconds(3));
        assertThat(limits.fdPercent()).isEqualTo(90);
        assertThat(limits.memoryBytes()).isZero();
        assertThat(oom.matches()).isEqualTo(1);
    }

    private static ResourceLimits collection(int memoryPercent, int latencyMillis, Duration latencyFor,
            int retransmitPercent, Duration retransmitFor, int successPercent, Duration successFor) {
        return new ResourceLimits(0, null, 0, null, 0, null, 0, null, memoryPercent, latencyMillis, latencyFor,
                retransmitPercent, retransmitFor, successPercent, successFor);
    }

    private static LogRule rule(String name) {
        return LogRule.defaults().stream().filter(rule -> rule.name().equals(name)).findFirst().orElseThrow();
    }
}
