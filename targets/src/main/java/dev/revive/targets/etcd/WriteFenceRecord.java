package dev.revive.targets.etcd;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.json.Json;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * What the write fence of one plan found before it changed anything: each fenced role's permissions, the original
 * that {@code UNFENCE} restores. One JSON file per plan, {@code <backup>/<clusterId>/fences/<planId>.json}, written
 * to a temporary file, fsynced, moved into place and the directory fsynced; never replaced, so that a retry of the
 * fence after a crash (when the roles may already be fenced) keeps the first attempt's record. The executor runs
 * one attempt of a plan's step at a time, so two attempts never race to create it.
 *
 * @param clusterId the cluster
 * @param planId    the plan that fenced
 * @param roles     each fenced role's permissions before the fence, by role name
 */
public record WriteFenceRecord(String clusterId, String planId, Map<String, List<RolePermission>> roles) {

    /** The directory below a cluster's backup directory that holds its fence records. */
    public static final String DIRECTORY = "fences";

    private static final Logger LOG = Logger.getLogger(WriteFenceRecord.class);

    public WriteFenceRecord {
        TreeMap<String, List<RolePermission>> sorted = new TreeMap<>(roles == null ? Map.of() : roles);
        sorted.replaceAll((role, permissions) -> List.copyOf(permissions));
        roles = Collections.unmodifiableMap(sorted);
    }

    /** The record file of a plan's fence of a cluster. */
    public static Path file(ClusterSpec spec, String planId) {
        return Path.of(spec.backup().directory(), spec.id(), DIRECTORY, planId + ".json");
    }

    /**
     * The record in {@code file}, empty when there is none.
     *
     * @throws TargetException {@link Kind#LOCAL} when the file is there but cannot be read or is no record
     */
    public static Optional<WriteFenceRecord> read(Path file) {
        try {
            return Optional.of(Json.events().readValue(Files.readAllBytes(file), WriteFenceRecord.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "the write fence record " + file + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Writes this record to {@code file} durably unless a record is already there, and returns the record in
     * place: this one, or the earlier one, which is never overwritten.
     *
     * @throws TargetException {@link Kind#LOCAL} when it cannot be written
     */
    public WriteFenceRecord keepFirst(Path file) {
        Optional<WriteFenceRecord> earlier = read(file);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "." + file.getFileName() + ".", ".part");
            try {
                try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(Json.events().writeValueAsBytes(this)));
                    channel.force(true);
                }
                Files.move(partial, file);
            } finally {
                Files.deleteIfExists(partial);
            }
            fsync(dir);
            return this;
        } catch (FileAlreadyExistsException e) {
            return read(file).orElseThrow(() -> new TargetException(Kind.LOCAL, "the write fence record " + file
                    + " vanished while it was written", e));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fence record always has a JSON form", e);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot write the write fence record " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Makes the rename durable; filesystems that refuse to sync a directory are tolerated. */
    private static void fsync(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debugf("cannot fsync directory %s: %s", dir, e.getMessage());
        }
    }
}
