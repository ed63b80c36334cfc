package dev.revive.detector.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ResourceLimits;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.detector.domain.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The collection runbook's thresholds: memory %, disk latency, TCP retransmissions, success rate. */
class CollectionThresholdsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final String DATA = "/var/lib/c1";
    private static final Duration HOLD = Duration.ofSeconds(3);
    private static final long MIB = 1024 * 1024;

    /** Memory 80 %, disk latency 20 ms, retransmits 3 %, success rate ≥ 95 %, each to be held 3 s. */
    private final ResourceWatch watch = new ResourceWatch(new ResourceLimits(0, HOLD, 0, HOLD, 0, HOLD, 0, HOLD,
            80, 20, HOLD, 3, HOLD, 95, HOLD));

    @Test
    void memoryHeldAboveItsShareOfTheProcessesLimitRaisesOneFaultWithItsSeries() {
        // when the process holds 900 of its 1000 MiB for five seconds
        List<Finding> findings = new ArrayList<>();
        for (int second = 0; second <= 5; second++) {
            findings.addAll(watch.observe(sample(second, process(900 * MIB, 1000 * MIB, null), List.of(),
                    OptionalDouble.empty())));
        }

        // then one RESOURCE_EXHAUSTED "memory" once three seconds are held, carrying the four samples
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FaultKind.RESOURCE_EXHAUSTED);
            assertThat(finding.condition()).isEqualTo("memory");
            assertThat(finding.evidence()).containsEntry(ResourceWatch.VALUE, "90.0")
                    .containsEntry(ResourceWatch.LIMIT, "80")
                    .containsEntry(ResourceWatch.HELD_FOR, "PT3S")
                    .containsEntry(ResourceWatch.MEMORY_LIMIT, Long.toString(1000 * MIB))
                    .containsEntry(ResourceWatch.SERIES, "2026-11-30T10:00:00Z=90.0,2026-11-30T10:00:01Z=90.0,"
                            + "2026-11-30T10:00:02Z=90.0,2026-11-30T10:00:03Z=90.0");
        });
    }

    @Test
    void memoryOfAProcessWhoseLimitIsUnknownIsNotChecked() {
        List<Finding> findings = new ArrayList<>();
        for (int second = 0; second <= 5; second++) {
            findings.addAll(watch.observe(sample(second, process(900 * MIB, 0, null), List.of(),
                    OptionalDouble.empty())));
        }

        assertThat(findings).isEmpty();
    }

    @Test
    void slowDiskHeldAboveTheLatencyLimitFiresOnceAndADipClearsIt() {
        // when the data device completes 10 I/Os a second taking 300 ms (30 ms each) for four seconds
        List<Finding> findings = new ArrayList<>();
        for (int second = 0; second <= 4; second++) {
            findings.addAll(watch.observe(ioSample(second, 10L * second, 300L * second)));
        }
        // and then a fast second (5 ms each), then slow again for two seconds
        findings.addAll(watch.observe(ioSample(5, 50, 1_250)));
        List<Finding> again = new ArrayList<>();
        for (int second = 6; second <= 7; second++) {
            again.addAll(watch.observe(ioSample(second, 50 + 10L * (second - 5), 1_250 + 300L * (second - 5))));
        }

        // then one "disk-latency" fault naming the device, and none for the run the dip cut short
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FaultKind.RESOURCE_EXHAUSTED);
            assertThat(finding.condition()).isEqualTo("disk-latency");
            assertThat(finding.evidence()).containsEntry(ResourceWatch.VALUE, "30.0")
                    .containsEntry(ResourceWatch.LIMIT, "20")
                    .containsEntry(ResourceWatch.DEVICE, "vda 254:0")
                    .containsEntry(ResourceWatch.PATH, DATA)
                    .containsEntry(ResourceWatch.SERIES, "2026-11-30T10:00:01Z=30.0,2026-11-30T10:00:02Z=30.0,"
                            + "2026-11-30T10:00:03Z=30.0,2026-11-30T10:00:04Z=30.0");
        });
        assertThat(again).isEmpty();
    }

    @Test
    void aDeviceWithoutIoInTheIntervalHasNoLatency() {
        // when the device is slow, then idle (no I/O completed) between every other sample
        List<Finding> findings = new ArrayList<>();
        for (int second = 0; second <= 8; second++) {
            long ios = 10L * ((second + 1) / 2);
            findings.addAll(watch.observe(ioSample(second, ios, 30 * ios)));
        }

        // then the idle intervals clear it and nothing fires
        assertThat(findings).isEmpty();
    }

    @Test
    void retransmissionsHeldAboveTheirShareOfSentSegmentsRaiseOneFault() {
        // when 50 of every 1000 segments sent are retransmitted (5 %) for four seconds
        List<Finding> findings = new ArrayList<>();
        for (int second = 0; second <= 4; second++) {
            TcpCounters tcp = new TcpCounters(1_000L * second, 50L * second);
            findings.addAll(watch.observe(sample(second, process(MIB, 1000 * MIB, tcp), List.of(),
                    OptionalDouble.empty())));
        }

        // then one "tcp-retransmits" fault of the process, once three seconds of it are held
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.condition()).isEqualTo("tcp-retransmits");
            assertThat(finding.evidence()).containsEntry(ResourceWatch.VALUE, "5.0")
                    .containsEntry(ResourceWatch.LIMIT, "3")
                    .containsEntry(ResourceWatch.PID, "7")
                    .containsEntry(ResourceWatch.HELD_FOR, "PT3S");
        });
    }

    @Test
    void successRateBelowItsFloorForTheDurationFiresOnceUntilItRecovers() {
        // when the kind measures 90 % for four seconds, 99 % once, then 90 % for three more seconds
        List<Finding> findings = new ArrayList<>();
        for (int second = 0; second <= 3; second++) {
            findings.addAll(watch.observe(success(second, 90)));
        }
        findings.addAll(watch.observe(success(4, 99)));
        for (int second = 5; second <= 8; second++) {
            findings.addAll(watch.observe(success(second, 90)));
        }

        // then one "success-rate" fault per run below the floor, each with its own series
        assertThat(findings).hasSize(2).allSatisfy(finding -> {
            assertThat(finding.kind()).isEqualTo(FaultKind.RESOURCE_EXHAUSTED);
            assertThat(finding.condition()).isEqualTo("success-rate");
            assertThat(finding.evidence()).containsEntry(ResourceWatch.VALUE, "90.0")
                    .containsEntry(ResourceWatch.LIMIT, "95");
        });
        assertThat(findings.get(1).evidence().get(ResourceWatch.SERIES)).startsWith("2026-11-30T10:00:05Z=90.0,");
    }

    @Test
    void aKindThatMeasuresNoSuccessRateIsNeverBelowTheFloor() {
        List<Finding> findings = new ArrayList<>();
        for (int minute = 0; minute <= 10; minute++) {
            findings.addAll(watch.observe(sample(minute * 60, null, List.of(), OptionalDouble.empty())));
        }

        assertThat(findings).isEmpty();
    }

    private static ProcessSample process(long rss, long memoryLimit, TcpCounters tcp) {
        return new ProcessSample(7, 0, rss, 10, 1000, memoryLimit, tcp);
    }

    private static ResourceSample ioSample(int second, long ios, long millis) {
        return sample(second, null, List.of(new IoCounters("254:0", "vda", ios, millis)), OptionalDouble.empty());
    }

    private static ResourceSample success(int second, double percent) {
        return sample(second, null, List.of(), OptionalDouble.of(percent));
    }

    private static ResourceSample sample(int second, ProcessSample process, List<IoCounters> io,
            OptionalDouble successRate) {
        return new ResourceSample(T0.plusSeconds(second), process, DATA, OptionalDouble.of(10), io, successRate);
    }
}
