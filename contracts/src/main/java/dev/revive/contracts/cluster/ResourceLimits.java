package dev.revive.contracts.cluster;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.revive.contracts.validation.Check;
import java.time.Duration;

/**
 * Resource thresholds a node must stay within (the collection runbook's list), read from {@code /proc} for nodes
 * run by the process driver; one held past its duration raises {@code RESOURCE_EXHAUSTED} (disk use:
 * {@code DISK_FULL}). Absent (or 0 / null) fields take their defaults.
 *
 * @param cpuPercent         CPU use of the process, in % of one core (default 85)
 * @param cpuFor             how long it must be held (default 5 min)
 * @param memoryBytes        resident memory limit in bytes; 0 = none (default). When set it replaces
 *                           {@code memoryPercent}
 * @param memoryFor          how long the memory limit must be exceeded (default 5 min)
 * @param fdPercent          open file descriptors in % of the process's limit (default 90)
 * @param fdFor              how long it must be held (default 1 min)
 * @param diskPercent        use of the data directory's filesystem in % (default 90)
 * @param diskFor            how long it must be held (default 1 min)
 * @param memoryPercent      resident memory in % of the machine's memory, or of the process's cgroup memory limit
 *                           when it is lower (default 85)
 * @param diskLatencyMillis  mean I/O latency of the block device of the data dir (and of the log dirs), in ms:
 *                           time spent on reads and writes over the reads and writes completed (default 20)
 * @param diskLatencyFor     how long it must be held (default 10 s)
 * @param retransmitPercent  TCP segments retransmitted in % of those sent, in the process's network namespace
 *                           (default 3)
 * @param retransmitFor      how long it must be held (default 15 s)
 * @param successRatePercent the floor of the node's collection success rate in %, as its kind measures it
 *                           (default 95); a kind that measures none is never checked
 * @param successRateFor     how long it must stay below (default 1 min)
 */
public record ResourceLimits(
        @JsonSetter(nulls = Nulls.AS_EMPTY) int cpuPercent, Duration cpuFor,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long memoryBytes, Duration memoryFor,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int fdPercent, Duration fdFor,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int diskPercent, Duration diskFor,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int memoryPercent,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int diskLatencyMillis, Duration diskLatencyFor,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int retransmitPercent, Duration retransmitFor,
        @JsonSetter(nulls = Nulls.AS_EMPTY) int successRatePercent, Duration successRateFor) {

    public ResourceLimits {
        cpuPercent = cpuPercent == 0 ? 85 : cpuPercent;
        Check.between("cpuPercent", cpuPercent, 1, 100_000);
        cpuFor = positive("cpuFor", cpuFor, Duration.ofMinutes(5));
        Check.atLeast("memoryBytes", memoryBytes, 0);
        memoryFor = positive("memoryFor", memoryFor, Duration.ofMinutes(5));
        fdPercent = percent("fdPercent", fdPercent, 90);
        fdFor = positive("fdFor", fdFor, Duration.ofMinutes(1));
        diskPercent = percent("diskPercent", diskPercent, 90);
        diskFor = positive("diskFor", diskFor, Duration.ofMinutes(1));
        memoryPercent = percent("memoryPercent", memoryPercent, 85);
        diskLatencyMillis = diskLatencyMillis == 0 ? 20 : diskLatencyMillis;
        Check.between("diskLatencyMillis", diskLatencyMillis, 1, 3_600_000);
        diskLatencyFor = positive("diskLatencyFor", diskLatencyFor, Duration.ofSeconds(10));
        retransmitPercent = percent("retransmitPercent", retransmitPercent, 3);
        retransmitFor = positive("retransmitFor", retransmitFor, Duration.ofSeconds(15));
        successRatePercent = percent("successRatePercent", successRatePercent, 95);
        successRateFor = positive("successRateFor", successRateFor, Duration.ofMinutes(1));
    }

    /** The limits of a spec written before memory %, disk latency, retransmits and success rate: those default. */
    public ResourceLimits(int cpuPercent, Duration cpuFor, long memoryBytes, Duration memoryFor, int fdPercent,
            Duration fdFor, int diskPercent, Duration diskFor) {
        this(cpuPercent, cpuFor, memoryBytes, memoryFor, fdPercent, fdFor, diskPercent, diskFor, 0, 0, null, 0, null,
                0, null);
    }

    public static ResourceLimits defaults() {
        return new ResourceLimits(0, null, 0, null, 0, null, 0, null);
    }

    private static int percent(String field, int value, int orDefault) {
        int percent = value == 0 ? orDefault : value;
        Check.between(field, percent, 1, 100);
        return percent;
    }

    private static Duration positive(String field, Duration value, Duration orDefault) {
        return Check.positive(field, value == null ? orDefault : value);
    }
}
