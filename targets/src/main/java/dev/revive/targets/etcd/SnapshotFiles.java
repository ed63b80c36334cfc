package dev.revive.targets.etcd;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Snapshot files that survive a crash: written to a temporary file beside the target, fsynced, moved into place
 * atomically, the directory fsynced, and a {@code <file>.sha256} sidecar (in {@code sha256sum} format) written the
 * same way after it. A file counts as a snapshot only while its sidecar matches its content. A snapshot may also carry
 * a {@code <file>.meta.json} ({@link SnapshotMetadata}), written the same way. Pruning keeps the newest snapshots
 * ({@code *.db}) of a directory with their sidecars and metadata and touches no other file.
 */
public final class SnapshotFiles {

    /** The suffix of snapshot files; pruning considers no other file. */
    public static final String SUFFIX = ".db";
    /** The suffix of the checksum sidecar beside a snapshot. */
    public static final String SIDECAR_SUFFIX = ".sha256";
    /** The suffix of the metadata beside a snapshot. */
    public static final String METADATA_SUFFIX = ".meta.json";

    private static final Logger LOG = Logger.getLogger(SnapshotFiles.class);

    private SnapshotFiles() {
    }

    /** What goes into a file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A file durably in place: its size and the hex sha256 of its content. */
    public record Written(Path file, long size, String sha256) {
    }

    /** Writes {@code content} to {@code file} durably, then its sidecar; returns the file's size and sha256. */
    public static Written write(Path file, Content content) {
        return write(file, content, () -> true);
    }

    /**
     * As {@link #write(Path, Content)}, but asks {@code mayReplace} right before the written file is moved into place:
     * an executor that lost its fence while the snapshot streamed must not replace what its successor wrote.
     *
     * @throws NotReplacedException when {@code mayReplace} said no; {@code file} is then untouched
     */
    public static Written write(Path file, Content content, BooleanSupplier mayReplace) {
        try {
            Files.deleteIfExists(metadata(file));
            Written written = replaceDurably(file, content, mayReplace);
            String line = written.sha256() + "  " + file.getFileName() + "\n";
            replaceDurably(sidecar(file), out -> out.write(line.getBytes(StandardCharsets.UTF_8)), () -> true);
            return written;
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot write snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** The sidecar of {@code file}. */
    public static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + SIDECAR_SUFFIX);
    }

    /** The metadata file of {@code file}. */
    public static Path metadata(Path file) {
        return file.resolveSibling(file.getFileName() + METADATA_SUFFIX);
    }

    /** Writes {@code content} as the metadata of snapshot {@code file}, durably. */
    static void writeMetadata(Path file, byte[] content) {
        try {
            replaceDurably(metadata(file), out -> out.write(content), () -> true);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot write the metadata of snapshot " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Why {@code file} does not count as written, or empty when it exists and its sidecar names its sha256.
     */
    public static Optional<String> mismatch(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.of(file + " does not exist");
        }
        Path sidecar = sidecar(file);
        try {
            if (!Files.isRegularFile(sidecar)) {
                return Optional.of(file + " has no sidecar " + sidecar.getFileName());
            }
            String recorded = recordedSha256(file);
            String actual = sha256(file);
            return recorded.equalsIgnoreCase(actual) ? Optional.empty()
                    : Optional.of(file + " has sha256 " + actual + " but its sidecar records " + recorded);
        } catch (IOException e) {
            return Optional.of(file + " cannot be read: " + e.getMessage());
        }
    }

    /** The sha256 the sidecar of {@code file} records (the file's own while {@link #mismatch} is empty). */
    public static String recordedSha256(Path file) throws IOException {
        return Files.readString(sidecar(file), StandardCharsets.UTF_8).strip().split("\\s+", 2)[0];
    }

    /** The hex sha256 of a file's content. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Deletes all but the newest {@code keep} snapshots in {@code file}'s directory, with their sidecars; {@code file}
     * itself is always kept. Returns the snapshots deleted.
     */
    public static List<Path> prune(Path file, int keep) {
        Path dir = file.toAbsolutePath().getParent();
        List<Path> deleted = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> older = entries
                    .filter(path -> path.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(path))
                    .filter(path -> !path.equals(file.toAbsolutePath()))
                    .sorted(Comparator.comparing(SnapshotFiles::modified).reversed()
                            .thenComparing(Comparator.<Path>naturalOrder().reversed()))
                    .toList();
            for (Path old : older.subList(Math.min(older.size(), Math.max(0, keep - 1)), older.size())) {
                Files.deleteIfExists(metadata(old));
                Files.deleteIfExists(sidecar(old));
                Files.deleteIfExists(old);
                deleted.add(old);
            }
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot prune snapshots in " + dir + ": " + e.getMessage(), e);
        }
        if (!deleted.isEmpty()) {
            fsyncDirectory(dir);
        }
        return deleted;
    }

    /** Deletes a snapshot with its sidecar and metadata, if there. */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(metadata(file));
            Files.deleteIfExists(sidecar(file));
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete snapshot %s: %s", file, e.getMessage());
        }
    }

    private static Written replaceDurably(Path file, Content content, BooleanSupplier mayReplace) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, "." + file.getFileName() + ".", ".part");
        try {
            MessageDigest digest = newDigest();
            long size;
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(
                        new DigestOutputStream(Channels.newOutputStream(channel), digest), 64 * 1024);
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
                out.flush();
                channel.force(true);
                size = channel.size();
            }
            if (!mayReplace.getAsBoolean()) {
                throw new NotReplacedException(file);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(dir);
            return new Written(file, size, HexFormat.of().formatHex(digest.digest()));
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The snapshot was written but not moved into place, because the caller may no longer replace the file. */
    public static final class NotReplacedException extends RuntimeException {
        NotReplacedException(Path file) {
            super("not moved into place: " + file);
        }
    }

    /** Makes a rename or delete in {@code dir} durable; filesystems that refuse to sync a directory are tolerated. */
    static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debugf("cannot fsync directory %s: %s", dir, e.getMessage());
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
