package dev.revive.targets.action;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The per-plan records handlers keep on disk (etcd's write fence, Redis's promotion and pause): one JSON file each,
 * written to a temporary file beside it, fsynced, moved into place and the directory fsynced; never replaced, so that
 * a retry after a crash keeps the first attempt's record. The executor runs one attempt of a plan's step at a time,
 * so two attempts never race to create one.
 */
public final class DurableRecords {

    private static final Logger LOG = Logger.getLogger(DurableRecords.class);

    private DurableRecords() {
    }

    /**
     * The record of {@code type} in {@code file}, empty when there is none.
     *
     * @param what the record in words, for errors: {@code the write fence record}
     * @throws TargetException {@link Kind#LOCAL} when the file is there but cannot be read or is no such record
     */
    public static <T> Optional<T> read(Path file, Class<T> type, String what) {
        try {
            return Optional.of(Json.events().readValue(Files.readAllBytes(file), type));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, what + " " + file + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Writes {@code record} to {@code file} durably unless a record is already there, and returns the record in
     * place: {@code record}, or the earlier one, which is never overwritten.
     *
     * @throws TargetException {@link Kind#LOCAL} when it cannot be written
     */
    public static <T> T keepFirst(Path file, T record, Class<T> type, String what) {
        Optional<T> earlier = read(file, type, what);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "." + file.getFileName() + ".", ".part");
            try {
                try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(Json.events().writeValueAsBytes(record)));
                    channel.force(true);
                }
                Files.move(partial, file);
            } finally {
                Files.deleteIfExists(partial);
            }
            fsync(dir);
            return record;
        } catch (FileAlreadyExistsException e) {
            return read(file, type, what).orElseThrow(() -> new TargetException(Kind.LOCAL, what + " " + file
                    + " vanished while it was written", e));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " always has a JSON form", e);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot write " + what + " " + file + ": " + e.getMessage(), e);
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
