package dev.revive.targets.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a SNAPSHOT step records beside its file ({@code <file>.meta.json}, written durably by {@link SnapshotFiles}):
 * the revision etcd's own check reports for the snapshot, i.e. the revision it was taken at, its key count and the
 * member it was read from. The verifier reads it to find the keys written after the snapshot.
 *
 * @param revision  the key-value store revision the snapshot holds
 * @param totalKeys how many keys it holds
 * @param source    the node id of the member it was read from
 */
public record SnapshotMetadata(long revision, long totalKeys, String source) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes this as the metadata of snapshot {@code file}. */
    public void writeFor(Path file) {
        String json = JSON.createObjectNode().put("revision", revision).put("totalKeys", totalKeys)
                .put("source", source).toString();
        SnapshotFiles.writeMetadata(file, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The metadata of snapshot {@code file}, or empty when there is none or it cannot be read. */
    public static Optional<SnapshotMetadata> of(Path file) {
        Path metadata = SnapshotFiles.metadata(file);
        if (!Files.isRegularFile(metadata)) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(Files.readString(metadata, StandardCharsets.UTF_8));
            if (!json.path("revision").canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new SnapshotMetadata(json.path("revision").asLong(), json.path("totalKeys").asLong(),
                    json.path("source").asText("")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
