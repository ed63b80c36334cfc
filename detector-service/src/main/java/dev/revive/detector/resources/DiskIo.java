package dev.revive.detector.resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The I/O counters of the block devices holding some directories: each directory (or its nearest existing parent)
 * is mapped to the {@code major:minor} of its mount in {@code /proc/self/mountinfo}, whose counters are read from
 * {@code /proc/diskstats}. A directory on a file system without a block device (tmpfs, overlay) has none.
 */
public final class DiskIo {

    private static final int MAJOR_MINOR = 2;
    private static final int MOUNT_POINT = 4;
    private static final int READS = 3;
    private static final int MS_READING = 6;
    private static final int WRITES = 7;
    private static final int MS_WRITING = 10;

    private final Path proc;

    /** @param proc the proc file system's mount point */
    public DiskIo(Path proc) {
        this.proc = proc;
    }

    /** The reader of the machine's {@code /proc}. */
    public static DiskIo system() {
        return new DiskIo(Path.of("/proc"));
    }

    /** The counters of the devices holding {@code directories}, one entry per device; empty when unreadable. */
    public List<IoCounters> read(List<Path> directories) {
        try {
            String mountinfo = Files.readString(proc.resolve("self/mountinfo"));
            String diskstats = Files.readString(proc.resolve("diskstats"));
            Map<String, IoCounters> byDevice = new LinkedHashMap<>();
            for (Path directory : directories) {
                existing(directory).flatMap(path -> deviceOf(mountinfo, path))
                        .flatMap(device -> counters(diskstats, device))
                        .ifPresent(counters -> byDevice.putIfAbsent(counters.device(), counters));
            }
            return List.copyOf(byDevice.values());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The {@code major:minor} of the mount holding {@code path} (absolute, symlinks resolved): the longest mount point. */
    static Optional<String> deviceOf(String mountinfo, Path path) {
        String device = null;
        int longest = -1;
        for (String line : mountinfo.lines().toList()) {
            String[] fields = line.split(" ");
            if (fields.length <= MOUNT_POINT) {
                continue;
            }
            Path mountPoint = Path.of(unescape(fields[MOUNT_POINT]));
            int depth = mountPoint.getNameCount();
            if (path.startsWith(mountPoint) && depth >= longest) {
                device = fields[MAJOR_MINOR];
                longest = depth;
            }
        }
        return Optional.ofNullable(device);
    }

    /** The counters of {@code device} ({@code major:minor}) in a {@code diskstats} text. */
    static Optional<IoCounters> counters(String diskstats, String device) {
        for (String line : diskstats.lines().toList()) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > MS_WRITING && device.equals(fields[0] + ":" + fields[1])) {
                return Optional.of(new IoCounters(device, fields[2],
                        Long.parseLong(fields[READS]) + Long.parseLong(fields[WRITES]),
                        Long.parseLong(fields[MS_READING]) + Long.parseLong(fields[MS_WRITING])));
            }
        }
        return Optional.empty();
    }

    /** Mount points escape space, tab, newline and backslash as {@code \ooo}. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String field, int from) {
        if (from + 3 > field.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (field.charAt(i) < '0' || field.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    private static Optional<Path> existing(Path directory) {
        Path candidate = directory.toAbsolutePath();
        while (candidate != null && !Files.exists(candidate)) {
            candidate = candidate.getParent();
        }
        if (candidate == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(candidate.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The directories whose devices matter for a node: its data dir and its log files' directories. */
    public static List<Path> ofNode(String dataDir, List<String> logPaths) {
        List<Path> directories = new ArrayList<>();
        directories.add(Path.of(dataDir));
        for (String log : logPaths) {
            Path parent = Path.of(log).toAbsolutePath().getParent();
            if (parent != null) {
                directories.add(parent);
            }
        }
        return directories;
    }
}
