package dev.revive.targets.driver;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The last lines of a node's output ({@link NodeDriver#logTail}), read from at most {@link #MAX_BYTES} at the end of
 * file, so that a huge log costs a bounded read (a line cut by that bound is left out).
 */
final class LogTail {

    /** The most bytes read from the end of a log. */
    static final int MAX_BYTES = 256 * 1024;

    private LogTail() {
    }

    /** The last {@code lines} lines of {@code file}; none when it does not exist. */
    static List<String> of(Path file, int lines) {
        if (lines <= 0 || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
            long length = input.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] end = new byte[size];
            input.seek(length - size);
            input.readFully(end);
            String text = new String(end, StandardCharsets.UTF_8);
            return of(size < length ? text.substring(text.indexOf('\n') + 1) : text, lines);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The last {@code lines} lines of {@code text}, without their line ends and without a last empty line. */
    static List<String> of(String text, int lines) {
        if (lines <= 0 || text.isEmpty()) {
            return List.of();
        }
        List<String> all = Arrays.asList(text.split("\r?\n", -1));
        int last = all.get(all.size() - 1).isEmpty() ? all.size() - 1 : all.size();
        return List.copyOf(all.subList(Math.max(0, last - lines), last));
    }
}
