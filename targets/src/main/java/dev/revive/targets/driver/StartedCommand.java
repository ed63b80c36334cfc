package dev.revive.targets.driver;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The sidecar of a node's pid file ({@code <pidFile>.argv}) that records the argument list of a process the driver
 * started with other arguments than the spec's command ({@link NodeDriver#startWith}), so that the driver still finds
 * that process. Arguments are separated by NUL bytes, as in {@code /proc/<pid>/cmdline}; written atomically, read
 * back without trusting it (only a command with the spec's executable counts).
 */
final class StartedCommand {

    private static final String SUFFIX = ".argv";
    private static final int MAX_BYTES = 64 * 1024;
    private static final char SEPARATOR = '\0';

    private final Path path;

    StartedCommand(Path pidFile) {
        this.path = pidFile.resolveSibling(pidFile.getFileName() + SUFFIX);
    }

    /** The recorded command, when the file is there, readable and names {@code executable} first. */
    Optional<List<String>> read(String executable) {
        try {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.size(path) > MAX_BYTES) {
                return Optional.empty();
            }
            String text = Files.readString(path, StandardCharsets.UTF_8);
            List<String> command = Arrays.asList(text.split(String.valueOf(SEPARATOR), -1));
            return command.size() > 1 && command.get(0).equals(executable) ? Optional.of(List.copyOf(command))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Replaces the file with {@code command}, atomically. */
    void write(List<String> command) {
        Path partial = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(partial, String.join(String.valueOf(SEPARATOR), command), StandardCharsets.UTF_8);
            Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the file if it exists; a failure is harmless (the command is checked against the spec on use). */
    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // harmless: a stale record only widens the search to a command with the spec's executable
        }
    }
}
