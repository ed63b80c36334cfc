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

class ResourceWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final String DATA = "/var/lib/m1";
    private static final Duration HOLD = Duration.ofSeconds(3);
    private static final long MIB = 1024 * 1024;

    /** CPU 80 %, memory 100 MiB, fds 80 %, disk 90 %, each to be held 3 s. */
    private final ResourceWatch watch = new ResourceWatch(
            new ResourceLimits(80, HOLD, 100 * MIB, HOLD, 80, HOLD, 90, HOLD));

    @Test
    void cpuHeldAboveItsLimitRaisesOneResourceExhausted() {
        // when the process uses 95 % of a core (95 ticks per second) for six seconds
        List<Finding> findings = new ArrayList<>();
        for (int second = 0; second <= 6; second++) {
            findings.addAll(watch.observe(sample(second, process(7, 95L * second, 10 * MIB, 10), 50)));
        }

        // then one RESOURCE_EXHAUSTED, once the three seconds have been held
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FaultKind.RESOURCE_EXHAUSTED);
            assertThat(finding.condition()).isEqualTo("cpu");
            assertThat(finding.evidence()).containsEntry(ResourceWatch.VALUE, "95.0")
                    .containsEntry(ResourceWatch.LIMIT, "80")
                    .containsEntry(ResourceWatch.HELD_FOR, "PT3S")
                    .containsEntry(ResourceWatch.PID, "7")
                    .containsEntry(ResourceWatch.SERIES, "2026-11-30T10:00:01Z=95.0,2026-11-30T10:00:02Z=95.0,"
                            + "2026-11-30T10:00:03Z=95.0,2026-11-30T10:00:04Z=95.0");
        });
    }

    @Test
    void cpuOfARestartedProcessIsNotComparedWithTheOldOne() {
        // given a busy process that is replaced by a new one (another pid, fewer ticks)
        watch.observe(sample(0, process(7, 0, 10 * MIB, 10), 50));
        watch.observe(sample(1, process(7, 95, 10 * MIB, 10), 50));
        watch.observe(sample(2, process(8, 1_000, 10 * MIB, 10), 50));

        // when the new one idles
        List<Finding> findings = new ArrayList<>();
        for (int second = 3; second <= 8; second++) {
            findings.addAll(watch.observe(sample(second, process(8, 1_000 + second, 10 * MIB, 10), 50)));
        }

        // then nothing fires
        assertThat(findings).isEmpty();
    }

    @Test
    void memoryAndFdsHeldAboveTheirLimitsRaiseOneFaultEachUntilTheyClear() {
        // when memory and open fds stay above their limits for five seconds
        List<Finding> findings = new ArrayList<>();
        for (int second = 0; second <= 5; second++) {
            findings.addAll(watch.observe(sample(second, process(7, 0, 200 * MIB, 900), 50)));
        }
        // and clear, then rise again for three seconds
        findings.addAll(watch.observe(sample(6, process(7, 0, 10 * MIB, 10), 50)));
        List<Finding> again = new ArrayList<>();
        for (int second = 7; second <= 10; second++) {
            again.addAll(watch.observe(sample(second, process(7, 0, 200 * MIB, 10), 50)));
        }

        // then one fault per condition, and one more for memory after it cleared
        assertThat(findings).extracting(Finding::condition).containsExactlyInAnyOrder("memory", "fd");
        assertThat(findings).filteredOn(finding -> finding.condition().equals("fd")).singleElement()
                .satisfies(fd -> assertThat(fd.evidence()).containsEntry(ResourceWatch.VALUE, "90.0")
                        .containsEntry(ResourceWatch.LIMIT, "80"));
        assertThat(again).extracting(Finding::condition).containsExactly("memory");
    }

    @Test
    void fullDiskRaisesDiskFullEvenWhenTheProcessIsGone() {
        // when the data dir's file system stays 95 % full while the process does not run
        List<Finding> findings = new ArrayList<>();
        for (int second = 0; second <= 4; second++) {
            findings.addAll(watch.observe(sample(second, null, 95)));
        }

        // then one DISK_FULL names the data dir
        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FaultKind.DISK_FULL);
            assertThat(finding.evidence()).containsEntry(ResourceWatch.RULE, "disk")
                    .containsEntry(ResourceWatch.VALUE, "95.0")
                    .containsEntry(ResourceWatch.PATH, DATA);
        });
    }

    @Test
    void noMemoryBytesAndAnUnknownMemoryLimitMeanNoMemoryFault() {
        // given no memory limit in bytes, and a process whose memory limit could not be read
        ResourceWatch unlimited = new ResourceWatch(ResourceLimits.defaults());

        // when the process is large for a long time
        List<Finding> findings = new ArrayList<>();
        for (int minute = 0; minute <= 10; minute++) {
            findings.addAll(unlimited.observe(sample(minute * 60, process(7, 0, 100_000 * MIB, 10), 10)));
        }

        // then nothing fires
        assertThat(findings).isEmpty();
    }

    private static ProcessSample process(long pid, long ticks, long rss, long fds) {
        return new ProcessSample(pid, ticks, rss, fds, 1000);
    }

    private static ResourceSample sample(int second, ProcessSample process, double disk) {
        return new ResourceSample(T0.plusSeconds(second), process, DATA, OptionalDouble.of(disk));
    }
}
