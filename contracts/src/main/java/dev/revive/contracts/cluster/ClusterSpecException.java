package dev.revive.contracts.cluster;

import java.nio.file.Path;

/** A cluster spec file that cannot be used; names the file and the field. */
public final class ClusterSpecException extends RuntimeException {

    private final Path file;
    private final String field;

    public ClusterSpecException(Path file, String field, String message, Throwable cause) {
        super(file + ": " + field + ": " + message, cause);
        this.file = file;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    /** The offending field as a dotted path, {@code $} for the file as a whole. */
    public String field() {
        return field;
    }
}
