package dev.revive.detector.resources;

import dev.revive.contracts.cluster.ResourceLimits;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.detector.domain.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The resource thresholds of one node, fed one {@link ResourceSample} at a time: CPU % of the process
 * (from the CPU time between two samples of the same pid), resident memory, open file descriptors in
 * % of the soft limit, and the use of the data directory's file system. A threshold exceeded for its
 * duration is one {@link Finding} ({@code RESOURCE_EXHAUSTED}, {@code DISK_FULL} for the disk), and
 * stays one until a sample below it clears it.
 */
public final class ResourceWatch {

    /** Evidence key: which threshold ({@code cpu}, {@code memory}, {@code fd}, {@code disk}); also the condition. */
    public static final String RULE = "rule";
    /** Evidence key: the measured value (% for cpu, fd and disk; bytes for memory). */
    public static final String VALUE = "value";
    /** Evidence key: the threshold it exceeded, in the same unit. */
    public static final String LIMIT = "limit";
    /** Evidence key: how long it has been exceeded (ISO-8601). */
    public static final String HELD_FOR = "heldFor";
    /** Evidence key: the process measured. */
    public static final String PID = "pid";
    /** Evidence key: the data directory whose file system is full. */
    public static final String PATH = "path";

    private final ResourceLimits limits;
    private final Sustained cpu;
    private final Sustained memory;
    private final Sustained fds;
    private final Sustained disk;
    private ProcessSample previous;
    private Instant previousAt;

    public ResourceWatch(ResourceLimits limits) {
        this.limits = limits;
        this.cpu = new Sustained(limits.cpuFor());
        this.memory = new Sustained(limits.memoryFor());
        this.fds = new Sustained(limits.fdFor());
        this.disk = new Sustained(limits.diskFor());
    }

    /** Applies one sample; returns the thresholds it fires. */
    public List<Finding> observe(ResourceSample sample) {
        List<Finding> findings = new ArrayList<>();
        ProcessSample process = sample.process();
        if (process == null) {
            cpu.clear();
            memory.clear();
            fds.clear();
        } else {
            cpuPercent(process, sample.at()).ifPresentOrElse(
                    used -> check(cpu, used > limits.cpuPercent(), sample.at(), findings,
                            heldFor -> process("cpu", percent(used), limits.cpuPercent(), process, heldFor)),
                    cpu::clear);
            if (limits.memoryBytes() > 0) {
                check(memory, process.rssBytes() > limits.memoryBytes(), sample.at(), findings,
                        heldFor -> process("memory", Long.toString(process.rssBytes()), limits.memoryBytes(), process,
                                heldFor));
            }
            double fdPercent = process.fdLimit() == Long.MAX_VALUE ? 0 : 100.0 * process.openFds() / process.fdLimit();
            check(fds, fdPercent > limits.fdPercent(), sample.at(), findings,
                    heldFor -> process("fd", percent(fdPercent), limits.fdPercent(), process, heldFor));
        }
        previous = process;
        previousAt = sample.at();
        if (sample.diskPercent().isPresent()) {
            double used = sample.diskPercent().getAsDouble();
            check(disk, used > limits.diskPercent(), sample.at(), findings, heldFor -> {
                Map<String, String> evidence = evidence("disk", percent(used), limits.diskPercent(), heldFor);
                evidence.put(PATH, sample.dataDir());
                return new Finding(FaultKind.DISK_FULL, "disk", evidence);
            });
        } else {
            disk.clear();
        }
        return findings;
    }

    /** CPU use since the previous sample of the same process, in % of one core. */
    private Optional<Double> cpuPercent(ProcessSample process, Instant at) {
        if (previous == null || previous.pid() != process.pid() || !at.isAfter(previousAt)) {
            return Optional.empty();
        }
        double cpuSeconds = (double) (process.cpuTicks() - previous.cpuTicks()) / ProcReader.CLOCK_TICKS_PER_SECOND;
        double wallSeconds = Duration.between(previousAt, at).toNanos() / 1e9;
        return Optional.of(100.0 * cpuSeconds / wallSeconds);
    }

    private static void check(Sustained threshold, boolean exceeded, Instant at, List<Finding> findings,
            Function<Duration, Finding> finding) {
        threshold.update(exceeded, at).ifPresent(heldFor -> findings.add(finding.apply(heldFor)));
    }

    private static Finding process(String rule, String value, long limit, ProcessSample process, Duration heldFor) {
        Map<String, String> evidence = evidence(rule, value, limit, heldFor);
        evidence.put(PID, Long.toString(process.pid()));
        return new Finding(FaultKind.RESOURCE_EXHAUSTED, rule, evidence);
    }

    private static Map<String, String> evidence(String rule, String value, long limit, Duration heldFor) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put(RULE, rule);
        evidence.put(VALUE, value);
        evidence.put(LIMIT, Long.toString(limit));
        evidence.put(HELD_FOR, heldFor.toString());
        return evidence;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
