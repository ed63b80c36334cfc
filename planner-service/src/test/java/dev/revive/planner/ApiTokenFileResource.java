package dev.revive.planner;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Hands the test application its API token the way production should: a {@code chmod 600} file. */
public class ApiTokenFileResource implements QuarkusTestResourceLifecycleManager {

    /** The API token of the test application. */
    public static final String TOKEN = "test-token-not-secret";

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("revive-planner-token");
            Path file = Files.createFile(dir.resolve("api-token"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, TOKEN + "\n");
            return Map.of("revive.planner.api.token-file", file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(dir.resolve("api-token"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
