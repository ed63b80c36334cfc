package dev.revive.targets.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import dev.revive.targets.process.BoundedCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * etcd's own check of a snapshot file: {@code etcdctl snapshot status <file> -w json} (Debian package
 * etcd-client), started from an argument list with {@code ETCDCTL_API=3}, bounded by a timeout and then killed.
 * It must exit 0 and report a revision and a key count; anything else means the file is not a usable snapshot.
 */
final class EtcdctlSnapshotStatus {

    private static final Path DEBIAN_ETCDCTL = Path.of("/usr/bin/etcdctl");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_OUTPUT = 16 * 1024;

    private final BoundedCommand command;
    private final Optional<Path> etcdctl;

    EtcdctlSnapshotStatus(Duration timeout) {
        this(timeout, locate());
    }

    EtcdctlSnapshotStatus(Duration timeout, Optional<Path> etcdctl) {
        this.command = new BoundedCommand(timeout, MAX_OUTPUT);
        this.etcdctl = etcdctl;
    }

    /** What etcdctl reports about a sound snapshot. */
    record Status(long hash, long revision, long totalKeys, long totalSize) {
    }

    /**
     * Checks {@code file}. Throws {@link Kind#LOCAL} when etcdctl cannot be run, {@link Kind#TIMEOUT} when it does not
     * finish, and {@link Kind#FAILED} when it rejects the file.
     */
    Status check(Path file) {
        Path program = etcdctl.orElseThrow(() -> new TargetException(Kind.LOCAL, "cannot verify snapshot " + file
                + ": etcdctl is not on PATH nor at " + DEBIAN_ETCDCTL + " (install the Debian package etcd-client)"));
        String output = run(List.of(program.toString(), "snapshot", "status", file.toString(), "-w", "json"), file);
        String json = output.lines().map(String::strip).filter(line -> line.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> rejected(file, "no JSON in its output: " + output.strip()));
        try {
            JsonNode status = JSON.readTree(json);
            if (!status.path("revision").canConvertToLong() || !status.path("totalKey").canConvertToLong()) {
                throw rejected(file, "no revision or total keys in " + json);
            }
            return new Status(status.path("hash").asLong(), status.path("revision").asLong(),
                    status.path("totalKey").asLong(), status.path("totalSize").asLong());
        } catch (IOException e) {
            throw rejected(file, "unreadable JSON " + json);
        }
    }

    private String run(List<String> argv, Path file) {
        BoundedCommand.Exited exited;
        try {
            exited = command.run(argv, Map.of("ETCDCTL_API", "3"));
        } catch (TargetException e) {
            throw new TargetException(e.kind(), "cannot verify snapshot " + file + ": " + e.getMessage(), e);
        }
        if (exited.code() != 0) {
            throw rejected(file, "exit " + exited.code() + ": " + exited.output().strip());
        }
        return exited.output();
    }

    private static TargetException rejected(Path file, String why) {
        return new TargetException(Kind.FAILED, "etcdctl snapshot status rejects " + file + ": " + why);
    }

    /** etcdctl on {@code PATH}, else Debian's. */
    static Optional<Path> locate() {
        return locate("etcdctl");
    }

    /** The executable {@code name} on {@code PATH}, else in {@code /usr/bin}. */
    static Optional<Path> locate(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                        .map(dir -> Path.of(dir, name)), Stream.of(DEBIAN_ETCDCTL.resolveSibling(name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
