package dev.revive.detector.resources;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** How full the file system holding a directory is, the way {@code df} counts it. */
public final class DiskUsage {

    private DiskUsage() {
    }

    /**
     * The used share of the file system of {@code directory} (or of its nearest existing parent), in %:
     * used / (used + available to unprivileged users); empty when it cannot be read.
     */
    public static OptionalDouble percentUsed(Path directory) {
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return OptionalDouble.empty();
        }
        try {
            FileStore store = Files.getFileStore(existing);
            long used = store.getTotalSpace() - store.getUnallocatedSpace();
            long denominator = used + store.getUsableSpace();
            return denominator <= 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * used / denominator);
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }
}
