package dev.revive.targets.redis;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import dev.revive.targets.action.CleanTempHandler;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis's debris of an interrupted save, rewrite or full sync, which a restarted node never reads: in its data dir
 * and its {@code appendonlydir}, the regular files named {@code temp-<pid>.rdb} / {@code temp-<time>.<pid>.rdb}
 * (a save or a replica's full sync), {@code temp-rewriteaof-[bg-]<pid>.aof} (an AOF rewrite) and
 * {@code temp-appendonly.aof.*} (a new manifest or incr file not yet renamed). Never the AOF base and incr files,
 * the manifest or {@code dump.rdb}; never a symbolic link, nor a directory behind one; never a file whose name
 * names a process that still runs (a save or rewrite child that outlived its parent's SIGKILL still writes it).
 */
final class RedisLeftovers implements CleanTempHandler.Leftovers {

    /** Redis 7's AOF directory below its {@code dir} (its {@code appenddirname} default). */
    static final String AOF_DIR = "appendonlydir";

    private static final Pattern TEMP = Pattern.compile(
            "temp-rewriteaof-[^/]*\\.aof|temp-[^/]*\\.rdb|temp-appendonly\\.aof\\.[^/]*");

    /** The writer's pid in a temp file's name: {@code temp-<pid>.rdb}, {@code temp-<time>.<pid>.rdb}, a rewrite's. */
    private static final Pattern WRITER = Pattern.compile(
            "temp-(?:rewriteaof-(?:bg-)?)?(?:\\d+\\.)?(\\d+)\\.(?:rdb|aof)");

    @Override
    public List<Path> find(NodeSpec node) {
        Path dataDir = Path.of(node.dataDir());
        List<Path> found = new ArrayList<>(list(dataDir));
        found.addAll(list(dataDir.resolve(AOF_DIR)));
        return found;
    }

    /** Whether {@code name} is one of Redis's temp file names. */
    static boolean isLeftover(String name) {
        return TEMP.matcher(name).matches();
    }

    /**
     * Whether the process that a temp file's name says writes it still runs (a save or rewrite child outlives a
     * SIGKILL of its parent): such a file is not a leftover yet.
     */
    static boolean writerRuns(String name) {
        Matcher writer = WRITER.matcher(name);
        return writer.matches() && ProcessHandle.of(Long.parseLong(writer.group(1))).map(ProcessHandle::isAlive)
                .orElse(false);
    }

    private static List<Path> list(Path dir) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, entry -> isLeftover(
                entry.getFileName().toString()) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                && !writerRuns(entry.getFileName().toString()))) {
            entries.forEach(found::add);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        found.sort(null);
        return found;
    }
}
