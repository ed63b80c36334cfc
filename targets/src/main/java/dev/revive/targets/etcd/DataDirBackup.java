package dev.revive.targets.etcd;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A backup copy of a stopped etcd member's data files: its {@code member/snap/db} and its {@code member/wal/*.wal}
 * files, each written durably with a sha256 sidecar ({@link SnapshotFiles}) under the same relative path in the
 * backup directory. A copy already there whose sidecar matches it is kept, so a repeated backup copies nothing.
 * Used by BACKUP_DATA (a full crash) and by the retirement of a replaced member's data dir.
 */
public final class DataDirBackup {

    /** The bolt database of a member, relative to its data dir. */
    public static final String DB = "member/snap/db";
    /** The WAL directory of a member, relative to its data dir. */
    public static final String WAL = "member/wal";

    private final Path dataDir;
    private final Path backupDir;

    /**
     * @param dataDir   the member's data directory ({@code --data-dir})
     * @param backupDir where the copies go
     */
    public DataDirBackup(Path dataDir, Path backupDir) {
        this.dataDir = dataDir;
        this.backupDir = backupDir;
    }

    /** What happened to one source file. */
    public record Copy(Path source, Path copy, long size, String sha256, boolean kept) {

        /** {@code member/snap/db copied to /b/member/snap/db (8192 bytes, sha256 ab…)}, or that it was kept. */
        public String describe() {
            return kept ? source + " already copied to " + copy
                    : source + " copied to " + copy + " (" + size + " bytes, sha256 " + sha256 + ")";
        }
    }

    /** The data directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** The backup directory. */
    public Path backupDir() {
        return backupDir;
    }

    /** The files a backup copies now (relative to the data dir): the db, then the WAL files in name order. */
    public List<Path> sources() {
        List<Path> sources = new ArrayList<>();
        if (Files.isRegularFile(dataDir.resolve(DB))) {
            sources.add(Path.of(DB));
        }
        Path wal = dataDir.resolve(WAL);
        if (Files.isDirectory(wal)) {
            try (Stream<Path> files = Files.list(wal)) {
                files.filter(file -> file.getFileName().toString().endsWith(".wal") && Files.isRegularFile(file))
                        .sorted().forEach(file -> sources.add(dataDir.relativize(file)));
            } catch (IOException e) {
                throw new TargetException(Kind.LOCAL, "cannot list " + wal + ": " + e.getMessage(), e);
            }
        }
        return sources;
    }

    /** The sources whose copy is already there with a matching sidecar: a backup keeps them. */
    public List<Path> alreadyCopied() {
        return sources().stream().filter(source -> SnapshotFiles.mismatch(backupDir.resolve(source)).isEmpty())
                .toList();
    }

    /** Copies every source durably with its sidecar, keeping a copy already there with a matching sidecar. */
    public List<Copy> backUp() {
        List<Copy> done = new ArrayList<>();
        for (Path source : sources()) {
            Path copy = backupDir.resolve(source);
            if (SnapshotFiles.mismatch(copy).isEmpty()) {
                done.add(new Copy(source, copy, size(copy), recorded(copy), true));
                continue;
            }
            SnapshotFiles.Written written = SnapshotFiles.write(copy, out -> Files.copy(dataDir.resolve(source), out));
            done.add(new Copy(source, copy, written.size(), written.sha256(), false));
        }
        return done;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    private static String recorded(Path file) {
        try {
            return SnapshotFiles.recordedSha256(file);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot read the sidecar of " + file + ": " + e.getMessage(), e);
        }
    }
}
