package dev.revive.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Creates and deletes the kit's temporary directories. */
public final class TempDirs {

    /** How often a delete walks the tree before it gives up. */
    private static final int DELETE_ATTEMPTS = 5;

    private TempDirs() {
    }

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir " + prefix, e);
        }
    }

    /**
     * Deletes {@code dir} and everything below it; a missing directory is fine. A file that appears while the tree
     * is deleted (a process that is still exiting wrote it) makes it walk again, a few times.
     */
    public static void deleteRecursively(Path dir) {
        for (int attempt = 1; ; attempt++) {
            try {
                deleteOnce(dir);
                return;
            } catch (IOException | UncheckedIOException e) {
                if (attempt == DELETE_ATTEMPTS) {
                    throw new IllegalStateException("cannot delete " + dir, e);
                }
                pause();
            }
        }
    }

    private static void deleteOnce(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes {@code lines} to {@code file}, creating its directory first. */
    static void writeLines(Path file, java.util.List<String> lines) {
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.write(file, lines);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }
}
