package dev.revive.detector.resources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a process's CPU time ({@code stat}), resident memory ({@code status} VmRSS), open file
 * descriptors ({@code fd}) and their soft limit ({@code limits}) from {@code /proc}; the memory its
 * resident size is measured against (the machine's {@code MemTotal}, or its cgroup's memory limit when
 * lower), and the TCP counters of its network namespace ({@code net/snmp}).
 */
public final class ProcReader {

    /** Clock ticks per second of {@code /proc/<pid>/stat} times ({@code getconf CLK_TCK} on Linux). */
    public static final int CLOCK_TICKS_PER_SECOND = 100;

    private static final int UTIME_AFTER_COMM = 11;
    private static final int STIME_AFTER_COMM = 12;

    private static final long NO_CGROUP_LIMIT = Long.MAX_VALUE / 2;

    private final Path proc;
    private final Path cgroups;

    /**
     * @param proc    the proc file system's mount point
     * @param cgroups where the cgroup file systems are mounted ({@code /sys/fs/cgroup})
     */
    public ProcReader(Path proc, Path cgroups) {
        this.proc = proc;
        this.cgroups = cgroups;
    }

    /** The reader of the machine's {@code /proc}. */
    public static ProcReader system() {
        return new ProcReader(Path.of("/proc"), Path.of("/sys/fs/cgroup"));
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
            TcpCounters tcp = optionalText(dir.resolve("net/snmp")).flatMap(ProcReader::tcpCounters).orElse(null);
            return Optional.of(new ProcessSample(pid, ticks, rss, fds, limit, memoryLimitBytes(dir), tcp));
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

    /** The lower of the machine's memory and the process's cgroup memory limit, in bytes; 0 when neither is known. */
    private long memoryLimitBytes(Path dir) {
        long limit = optionalText(proc.resolve("meminfo")).map(ProcReader::memTotalBytes).orElse(0L);
        for (String file : optionalText(dir.resolve("cgroup")).map(ProcReader::cgroupLimitFiles).orElse(List.of())) {
            long cgroupLimit = optionalText(cgroups.resolve(file)).map(ProcReader::limitBytes).orElse(0L);
            if (cgroupLimit > 0 && (limit == 0 || cgroupLimit < limit)) {
                limit = cgroupLimit;
            }
        }
        return limit;
    }

    /** MemTotal of a {@code meminfo} text, in bytes; 0 when absent. */
    static long memTotalBytes(String meminfo) {
        return meminfo.lines().filter(line -> line.startsWith("MemTotal:")).findFirst()
                .map(line -> Long.parseLong(line.substring("MemTotal:".length()).replace("kB", "").trim()) * 1024)
                .orElse(0L);
    }

    /**
     * The memory-limit files of a {@code /proc/<pid>/cgroup} text, relative to the cgroup mount point: cgroup v2's
     * {@code <path>/memory.max}, cgroup v1's {@code memory/<path>/memory.limit_in_bytes}.
     */
    static List<String> cgroupLimitFiles(String cgroup) {
        List<String> files = new ArrayList<>();
        for (String line : cgroup.lines().toList()) {
            String[] fields = line.split(":", 3);
            if (fields.length < 3) {
                continue;
            }
            String path = fields[2].startsWith("/") ? fields[2].substring(1) : fields[2];
            String prefix = path.isEmpty() ? "" : path + "/";
            if (fields[0].equals("0") && fields[1].isEmpty()) {
                files.add(prefix + "memory.max");
            } else if (List.of(fields[1].split(",")).contains("memory")) {
                files.add("memory/" + prefix + "memory.limit_in_bytes");
            }
        }
        return files;
    }

    /** A cgroup memory limit file's value in bytes; 0 for none ({@code max}, or v1's page-rounded maximum). */
    static long limitBytes(String text) {
        String value = text.trim();
        if (!value.chars().allMatch(Character::isDigit) || value.isEmpty()) {
            return 0;
        }
        long bytes = Long.parseLong(value);
        return bytes >= NO_CGROUP_LIMIT ? 0 : bytes;
    }

    /** OutSegs and RetransSegs of the {@code Tcp:} header and value lines of a {@code net/snmp} text. */
    static Optional<TcpCounters> tcpCounters(String snmp) {
        List<String[]> tcp = snmp.lines().filter(line -> line.startsWith("Tcp:"))
                .map(line -> line.substring("Tcp:".length()).trim().split("\\s+")).toList();
        if (tcp.size() < 2) {
            return Optional.empty();
        }
        List<String> names = List.of(tcp.get(0));
        int out = names.indexOf("OutSegs");
        int retrans = names.indexOf("RetransSegs");
        String[] values = tcp.get(1);
        if (out < 0 || retrans < 0 || values.length != names.size()) {
            return Optional.empty();
        }
        return Optional.of(new TcpCounters(Long.parseLong(values[out]), Long.parseLong(values[retrans])));
    }

    /** A file's text, or empty when it cannot be read (absent, not permitted, another kernel). */
    private static Optional<String> optionalText(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
