package dev.revive.contracts.cluster;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.revive.contracts.validation.Check;
import java.time.Duration;

/**
 * Resource thresholds a node's process must stay under, read from {@code /proc} for nodes run by the
 * process driver; one held past its duration raises {@code RESOURCE_EXHAUSTED} (disk: {@code DISK_FULL}).
 * Absent (or 0 / null) fields take their defaults.
 *
 * @param cpuPercent    CPU use of the process, in % of one core (default 85)
 * @param cpuFor        how long it must be held (default 5 min)
 * @param memoryBytes   resident memory limit in bytes; 0 = no limit (default)
 * @param memoryFor     how long it must be held (default 5 min)
 * @param fdPercent     open file descriptors in % of the process's limit (default 90)
 * @param fdFor         how long it must be held (default 1 min)
 * @param diskPercent   use of the data directory's filesystem in % (default 90)
 * @param diskFor       how long it must be held (default 1 min)
 */
public record ResourceLimits(
        @JsonSetter(nulls = Nulls.AS_EMPTY) int cpuPercent, Duration cpuFor,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long memoryBytes, Duration memoryFor,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int fdPercent, Duration fdFor,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int diskPercent, Duration diskFor) {

    public ResourceLimits {
        cpuPercent = cpuPercent == 0 ? 85 : cpuPercent;
        Check.between("cpuPercent", cpuPercent, 1, 100_000);
        cpuFor = Check.positive("cpuFor", cpuFor == null ? Duration.ofMinutes(5) : cpuFor);
        Check.atLeast("memoryBytes", memoryBytes, 0);
        memoryFor = Check.positive("memoryFor", memoryFor == null ? Duration.ofMinutes(5) : memoryFor);
        fdPercent = fdPercent == 0 ? 90 : fdPercent;
        Check.between("fdPercent", fdPercent, 1, 100);
        fdFor = Check.positive("fdFor", fdFor == null ? Duration.ofMinutes(1) : fdFor);
        diskPercent = diskPercent == 0 ? 90 : diskPercent;
        Check.between("diskPercent", diskPercent, 1, 100);
        diskFor = Check.positive("diskFor", diskFor == null ? Duration.ofMinutes(1) : diskFor);
    }

    public static ResourceLimits defaults() {
        return new ResourceLimits(0, null, 0, null, 0, null, 0, null);
    }
}
