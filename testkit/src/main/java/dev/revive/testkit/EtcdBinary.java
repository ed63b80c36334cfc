package dev.revive.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Locates the {@code etcd} executable. */
final class EtcdBinary {

    static final String INSTALL_HINT = "install it with `apt-get update && apt-get install -y etcd-server`";
    static final List<Path> FALLBACKS = List.of(Path.of("/usr/bin/etcd"), Path.of("/usr/local/bin/etcd"));

    private EtcdBinary() {
    }

    /** The etcd executable from this process's {@code PATH} or the usual install locations. */
    static Path locate() {
        return locate(System.getenv("PATH"), FALLBACKS);
    }

    /**
     * The first executable {@code etcd} in the directories of {@code pathVariable}, else the first
     * executable fallback.
     *
     * @throws IllegalStateException naming the install command when none is found
     */
    static Path locate(String pathVariable, List<Path> fallbacks) {
        List<Path> candidates = new ArrayList<>();
        if (pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "etcd"));
                }
            }
        }
        candidates.addAll(fallbacks);
        Optional<Path> found = candidates.stream().filter(EtcdBinary::isExecutableFile).findFirst();
        return found.orElseThrow(() -> new IllegalStateException(
            "etcd executable not found on PATH (" + pathVariable + ") nor at " + fallbacks + ": " + INSTALL_HINT));
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
