package dev.revive.detector.resources;

import dev.revive.contracts.cluster.ResourceLimits;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.detector.domain.Finding;
import dev.revive.detector.resources.HeldSeries.Held;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The resource thresholds of one node, fed one {@link ResourceSample} at a time: CPU % of the process
 * (from the CPU time between two samples of the same pid), resident memory (in % of the memory it may use, or
 * in bytes when the spec sets {@code memoryBytes}), open file descriptors in % of the soft limit, the use of the
 * data directory's file system, the I/O latency of its data and log devices, the TCP retransmissions of its
 * network namespace, and the success rate its kind measures. A threshold exceeded for its duration is one
 * {@link Finding} ({@code RESOURCE_EXHAUSTED}, {@code DISK_FULL} for the disk use) carrying the measured series,
 * and stays one until a sample below it (or without a value) clears it.
 */
public final class ResourceWatch {

    /**
     * Evidence key: which threshold ({@code cpu}, {@code memory}, {@code fd}, {@code disk}, {@code disk-latency},
     * {@code tcp-retransmits}, {@code success-rate}); also the condition.
     */
    public static final String RULE = "rule";
    /** Evidence key: the latest measured value (% for all but memory in bytes and disk latency in ms). */
    public static final String VALUE = "value";
    /** Evidence key: the threshold it exceeded (a floor for the success rate), in the same unit. */
    public static final String LIMIT = "limit";
    /** Evidence key: how long it has been exceeded (ISO-8601). */
    public static final String HELD_FOR = "heldFor";
    /** Evidence key: the samples of the held window, {@code <instant>=<value>} comma-separated, the last 20. */
    public static final String SERIES = "series";
    /** Evidence key: the process measured. */
    public static final String PID = "pid";
    /** Evidence key: the data directory whose file system is full. */
    public static final String PATH = "path";
    /** Evidence key: the block device whose latency is high ({@code name major:minor}). */
    public static final String DEVICE = "device";
    /** Evidence key: the memory the memory % is of, in bytes. */
    public static final String MEMORY_LIMIT = "memoryLimitBytes";

    private final boolean memoryInBytes;
    private final HeldSeries cpu;
    private final HeldSeries memory;
    private final HeldSeries fds;
    private final HeldSeries disk;
    private final HeldSeries diskLatency;
    private final HeldSeries retransmits;
    private final HeldSeries successRate;
    private ProcessSample previous;
    private Instant previousAt;
    private List<IoCounters> previousIo = List.of();

    public ResourceWatch(ResourceLimits limits) {
        this.memoryInBytes = limits.memoryBytes() > 0;
        this.cpu = HeldSeries.above(limits.cpuPercent(), limits.cpuFor());
        this.memory = HeldSeries.above(memoryInBytes ? limits.memoryBytes() : limits.memoryPercent(),
                limits.memoryFor());
        this.fds = HeldSeries.above(limits.fdPercent(), limits.fdFor());
        this.disk = HeldSeries.above(limits.diskPercent(), limits.diskFor());
        this.diskLatency = HeldSeries.above(limits.diskLatencyMillis(), limits.diskLatencyFor());
        this.retransmits = HeldSeries.above(limits.retransmitPercent(), limits.retransmitFor());
        this.successRate = HeldSeries.below(limits.successRatePercent(), limits.successRateFor());
    }

    /** Applies one sample; returns the thresholds it fires. */
    public List<Finding> observe(ResourceSample sample) {
        List<Finding> findings = new ArrayList<>();
        Instant at = sample.at();
        ProcessSample process = sample.process();
        if (process == null) {
            List.of(cpu, memory, fds, retransmits).forEach(HeldSeries::clear);
        } else {
            feed(cpu, cpuPercent(process, at), at, findings, held -> process("cpu", held, process));
            feed(memory, memory(process), at, findings, held -> memoryFinding(held, process));
            double fdPercent = process.fdLimit() == Long.MAX_VALUE ? 0 : 100.0 * process.openFds() / process.fdLimit();
            feed(fds, OptionalDouble.of(fdPercent), at, findings, held -> process("fd", held, process));
            feed(retransmits, retransmitPercent(process), at, findings,
                    held -> process("tcp-retransmits", held, process));
        }
        previous = process;
        previousAt = at;
        feed(disk, sample.diskPercent(), at, findings, held -> {
            Map<String, String> evidence = evidence("disk", percent(held.value()), held);
            evidence.put(PATH, sample.dataDir());
            return new Finding(FaultKind.DISK_FULL, "disk", evidence);
        });
        Latency latency = slowestDevice(sample.io());
        previousIo = sample.io();
        feed(diskLatency, latency.millis(), at, findings, held -> {
            Map<String, String> evidence = evidence("disk-latency", percent(held.value()), held);
            evidence.put(DEVICE, latency.device());
            evidence.put(PATH, sample.dataDir());
            return new Finding(FaultKind.RESOURCE_EXHAUSTED, "disk-latency", evidence);
        });
        feed(successRate, sample.successRatePercent(), at, findings, held -> new Finding(
                FaultKind.RESOURCE_EXHAUSTED, "success-rate", evidence("success-rate", percent(held.value()), held)));
        return findings;
    }

    /** CPU use since the previous sample of the same process, in % of one core. */
    private OptionalDouble cpuPercent(ProcessSample process, Instant at) {
        if (!samePrevious(process) || !at.isAfter(previousAt)) {
            return OptionalDouble.empty();
        }
        double cpuSeconds = (double) (process.cpuTicks() - previous.cpuTicks()) / ProcReader.CLOCK_TICKS_PER_SECOND;
        double wallSeconds = Duration.between(previousAt, at).toNanos() / 1e9;
        return OptionalDouble.of(100.0 * cpuSeconds / wallSeconds);
    }

    /** Resident memory in bytes (an absolute limit) or in % of the memory the process may use. */
    private OptionalDouble memory(ProcessSample process) {
        if (memoryInBytes) {
            return OptionalDouble.of(process.rssBytes());
        }
        return process.memoryLimitBytes() <= 0 ? OptionalDouble.empty()
                : OptionalDouble.of(100.0 * process.rssBytes() / process.memoryLimitBytes());
    }

    /** Retransmitted segments since the previous sample of the same process, in % of those sent. */
    private OptionalDouble retransmitPercent(ProcessSample process) {
        if (!samePrevious(process) || process.tcp() == null || previous.tcp() == null) {
            return OptionalDouble.empty();
        }
        return process.tcp().retransmitPercentSince(previous.tcp());
    }

    private boolean samePrevious(ProcessSample process) {
        return previous != null && previous.pid() == process.pid();
    }

    /** The highest mean I/O latency among the devices with I/O since the previous sample. */
    private Latency slowestDevice(List<IoCounters> io) {
        Latency slowest = new Latency(OptionalDouble.empty(), "");
        for (IoCounters now : io) {
            for (IoCounters before : previousIo) {
                if (!before.device().equals(now.device())) {
                    continue;
                }
                OptionalDouble millis = now.latencyMillisSince(before);
                if (millis.isPresent() && (slowest.millis().isEmpty()
                        || millis.getAsDouble() > slowest.millis().getAsDouble())) {
                    slowest = new Latency(millis, now.name() + " " + now.device());
                }
            }
        }
        return slowest;
    }

    private static void feed(HeldSeries threshold, OptionalDouble value, Instant at, List<Finding> findings,
            Function<Held, Finding> finding) {
        threshold.update(value, at).ifPresent(held -> findings.add(finding.apply(held)));
    }

    private Finding memoryFinding(Held held, ProcessSample process) {
        if (memoryInBytes) {
            return new Finding(FaultKind.RESOURCE_EXHAUSTED, "memory",
                    processEvidence("memory", Long.toString((long) held.value()), held, process));
        }
        Map<String, String> evidence = processEvidence("memory", percent(held.value()), held, process);
        evidence.put(MEMORY_LIMIT, Long.toString(process.memoryLimitBytes()));
        return new Finding(FaultKind.RESOURCE_EXHAUSTED, "memory", evidence);
    }

    private static Finding process(String rule, Held held, ProcessSample process) {
        return new Finding(FaultKind.RESOURCE_EXHAUSTED, rule,
                processEvidence(rule, percent(held.value()), held, process));
    }

    private static Map<String, String> processEvidence(String rule, String value, Held held, ProcessSample process) {
        Map<String, String> evidence = evidence(rule, value, held);
        evidence.put(PID, Long.toString(process.pid()));
        return evidence;
    }

    private static Map<String, String> evidence(String rule, String value, Held held) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put(RULE, rule);
        evidence.put(VALUE, value);
        evidence.put(LIMIT, Long.toString(held.limit()));
        evidence.put(HELD_FOR, held.heldFor().toString());
        evidence.put(SERIES, held.seriesText());
        return evidence;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private record Latency(OptionalDouble millis, String device) {
    }
}
