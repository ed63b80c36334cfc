package dev.revive.detector.resources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a process's CPU time ({@code stat}), resident memory ({@code status} VmRSS), open file
 * descriptors ({@code fd}) and their soft limit ({@code limits}) from {@code /proc}.
 */
public final class ProcReader {

    /** Clock ticks per second of {@code /proc/<pid>/stat} times ({@code getconf CLK_TCK} on Linux). */
    public static final int CLOCK_TICKS_PER_SECOND = 100;

    private static final int UTIME_AFTER_COMM = 11;
    private static final int STIME_AFTER_COMM = 12;

    private final Path proc;

    /** @param proc the proc file system's mount point */
    public ProcReader(Path proc) {
        this.proc = proc;
    }

    /** The reader of the machine's {@code /proc}. */
    public static ProcReader system() {
        return new ProcReader(Path.of("/proc"));
    }

    /** The process's sample, or empty when it no longer exists. */
    public Optional<ProcessSample> read(long pid) {
        Path dir = proc.resolve(Long.toString(pid));
        try {
            long ticks = cpuTicks(Files.readString(dir.resolve("stat")));
            long rss = rssBytes(Files.readString(dir.resolve("status")));
            long limit = fdSoftLimit(Files.readString(dir.resolve("limits")));
            long fds;
            try (Stream<Path> entries = Files.list(dir.resolve("fd"))) {
                fds = entries.count();
            }
            return Optional.of(new ProcessSample(pid, ticks, rss, fds, limit));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    /** utime + stime of a {@code stat} line; the command name may hold spaces and parentheses. */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[STIME_AFTER_COMM]);
    }

    /** VmRSS of a {@code status} text, in bytes; 0 when absent (kernel threads, zombies). */
    static long rssBytes(String status) {
        return status.lines().filter(line -> line.startsWith("VmRSS:")).findFirst()
                .map(line -> Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim()) * 1024)
                .orElse(0L);
    }

    /** The soft "Max open files" of a {@code limits} text. */
    static long fdSoftLimit(String limits) {
        return limits.lines().filter(line -> line.startsWith("Max open files")).findFirst()
                .map(line -> line.substring("Max open files".length()).trim().split("\\s+")[0])
                .map(soft -> "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft))
                .orElse(Long.MAX_VALUE);
    }
}
