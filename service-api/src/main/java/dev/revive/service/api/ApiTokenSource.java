package dev.revive.service.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Where a service's API token comes from: {@code <prefix>.token} (best set through its environment variable, e.g.
 * {@code REVIVE_DETECTOR_API_TOKEN}, never on a command line) or {@code <prefix>.token-file} (the file's first line,
 * trimmed). Exactly one of them must be set; the service refuses to start otherwise.
 */
public final class ApiTokenSource {

    /** The shortest API token accepted. */
    public static final int MIN_LENGTH = 12;

    private static final Logger LOG = Logger.getLogger(ApiTokenSource.class);
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private ApiTokenSource() {
    }

    /**
     * The token of {@code prefix} (e.g. {@code revive.detector.api}); throws {@link IllegalStateException} naming the
     * keys when neither or both are set, when the file cannot be read or when the token is shorter than
     * {@link #MIN_LENGTH}. Warns when the file is readable by its group or by others.
     */
    public static BearerToken load(String prefix, Optional<String> token, Optional<Path> tokenFile) {
        if (token.isPresent() == tokenFile.isPresent()) {
            throw new IllegalStateException("set exactly one of " + prefix + ".token (e.g. as environment variable "
                    + environmentName(prefix + ".token") + ") and " + prefix + ".token-file; "
                    + (token.isPresent() ? "both are set" : "neither is set"));
        }
        String value = token.map(String::strip).orElseGet(() -> read(prefix, tokenFile.get()));
        if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException("the API token (" + prefix + (token.isPresent() ? ".token" : ".token-file")
                    + ") must have at least " + MIN_LENGTH + " characters");
        }
        return new BearerToken(value);
    }

    /**
     * An optional token of {@code prefix} for a call this service makes (e.g. a webhook's bearer token):
     * {@code <prefix>.token} or the first line of {@code <prefix>.token-file}, at most one of them; empty when neither
     * is set. Throws {@link IllegalStateException} naming the keys when both are set, the file cannot be read or the
     * token is blank.
     */
    public static Optional<String> loadOptional(String prefix, Optional<String> token, Optional<Path> tokenFile) {
        if (token.isPresent() && tokenFile.isPresent()) {
            throw new IllegalStateException("set at most one of " + prefix + ".token and " + prefix
                    + ".token-file; both are set");
        }
        Optional<String> value = token.map(String::strip).or(() -> tokenFile.map(file -> read(prefix, file)));
        if (value.isPresent() && value.get().isEmpty()) {
            throw new IllegalStateException(prefix + (token.isPresent() ? ".token" : ".token-file") + " is blank");
        }
        return value;
    }

    /** The environment variable Quarkus maps to {@code key}. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String read(String prefix, Path file) {
        try {
            warnIfShared(prefix, file);
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? "" : lines.get(0).strip();
        } catch (IOException e) {
            throw new IllegalStateException(prefix + ".token-file: cannot read '" + file + "': " + e, e);
        }
    }

    private static void warnIfShared(String prefix, Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")
                && Files.getPosixFilePermissions(file).stream().anyMatch(OTHERS::contains)) {
            LOG.warnf("%s.token-file '%s' is readable by its group or others: chmod 600 it", prefix, file);
        }
    }
}
