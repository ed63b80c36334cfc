package dev.revive.targets.driver;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;

/** The pid file of a node: written atomically by the driver, read back without trusting it. */
final class PidFile {

    private static final int MAX_BYTES = 32;

    private final Path path;

    PidFile(Path path) {
        this.path = path;
    }

    /** The pid the file names, or empty when it is missing, not a regular file, or not a number. */
    OptionalLong read() {
        try {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.size(path) > MAX_BYTES) {
                return OptionalLong.empty();
            }
            String text = Files.readString(path, StandardCharsets.US_ASCII).trim();
            long pid = Long.parseLong(text);
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Replaces the file with {@code pid}, atomically. */
    void write(long pid) {
        Path partial = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(partial, pid + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot write pid file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the file if it exists; a failure is not an error (the pid in it is verified on use). */
    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // harmless: a stale pid file is never trusted without checking the command line
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
