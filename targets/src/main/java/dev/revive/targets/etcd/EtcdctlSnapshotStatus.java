package dev.revive.targets.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    private final Duration timeout;
    private final Optional<Path> etcdctl;

    EtcdctlSnapshotStatus(Duration timeout) {
        this(timeout, locate());
    }

    EtcdctlSnapshotStatus(Duration timeout, Optional<Path> etcdctl) {
        this.timeout = timeout;
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
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("ETCDCTL_API", "3");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot verify snapshot " + file + ": cannot start " + argv.get(0)
                    + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TargetException(Kind.TIMEOUT, "cannot verify snapshot " + file + ": etcdctl snapshot status"
                        + " did not finish within " + timeout);
            }
            String text = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (process.exitValue() != 0) {
                throw rejected(file, "exit " + process.exitValue() + ": " + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Kind.TIMEOUT, "cannot verify snapshot " + file + ": interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TargetException(Kind.LOCAL, "cannot verify snapshot " + file + ": output not readable: " + e, e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static TargetException rejected(Path file, String why) {
        return new TargetException(Kind.FAILED, "etcdctl snapshot status rejects " + file + ": " + why);
    }

    private static String drain(InputStream in) {
        try (in) {
            byte[] kept = in.readNBytes(MAX_OUTPUT);
            in.transferTo(OutputStream.nullOutputStream());
            return new String(kept, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    private static Optional<Path> locate() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                        .map(dir -> Path.of(dir, "etcdctl")), Stream.of(DEBIAN_ETCDCTL))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
