package dev.revive.targets.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a SNAPSHOT step records beside its file ({@code <file>.meta.json}, written durably by {@link SnapshotFiles}):
 * the revision etcd's own check reports for the snapshot, i.e. the revision it was taken at, its key count and the
 * member it was read from, and, when the source member answered right after the snapshot, its keyspace at that
 * revision. The verifier reads it to find the keys written after the snapshot and to check a restore of it. Metadata
 * written before the keyspace was recorded still parses, without it.
 *
 * @param revision  the key-value store revision the snapshot holds
 * @param totalKeys how many keys it holds (etcdctl's count: every stored version, not only the live keys)
 * @param source    the node id of the member it was read from
 * @param keyspace  the source member's keyspace at {@code revision}, or empty when it was not recorded
 */
public record SnapshotMetadata(long revision, long totalKeys, String source, Optional<Keyspace> keyspace) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SnapshotMetadata {
        Objects.requireNonNull(keyspace, "keyspace");
    }

    /** Metadata without the keyspace (a snapshot found already there, or a source that did not answer). */
    public SnapshotMetadata(long revision, long totalKeys, String source) {
        this(revision, totalKeys, source, Optional.empty());
    }

    /**
     * A member's keyspace at the snapshot's revision R: a restore of the snapshot keeps it exactly.
     *
     * @param hashKv   etcd's HashKV at R (an unsigned 32-bit value, stored as etcd prints it)
     * @param liveKeys how many keys the whole keyspace holds at R
     */
    public record Keyspace(int hashKv, long liveKeys) {

        /** The hash as etcd prints it (unsigned). */
        public String hashText() {
            return Integer.toUnsignedString(hashKv);
        }
    }

    /** Writes this as the metadata of snapshot {@code file}. */
    public void writeFor(Path file) {
        ObjectNode json = JSON.createObjectNode().put("revision", revision).put("totalKeys", totalKeys)
                .put("source", source);
        keyspace.ifPresent(keys -> json.put("hashKv", Integer.toUnsignedLong(keys.hashKv()))
                .put("liveKeys", keys.liveKeys()));
        SnapshotFiles.writeMetadata(file, json.toString().getBytes(StandardCharsets.UTF_8));
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
                    json.path("source").asText(""), keyspace(json)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The keyspace when both of its fields are recorded as numbers, else empty (older metadata). */
    private static Optional<Keyspace> keyspace(JsonNode json) {
        JsonNode hash = json.path("hashKv");
        JsonNode live = json.path("liveKeys");
        if (!hash.isIntegralNumber() || !live.isIntegralNumber()) {
            return Optional.empty();
        }
        return Optional.of(new Keyspace((int) hash.asLong(), live.asLong()));
    }
}
