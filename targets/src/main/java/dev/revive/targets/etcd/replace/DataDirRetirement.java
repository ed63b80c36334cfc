package dev.revive.targets.etcd.replace;

import dev.revive.targets.etcd.DataDirBackup;
import dev.revive.targets.etcd.MovedAside;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What is left of a replaced member's data directory: a backup copy of its {@code member/snap/db} and its
 * {@code member/wal/*.wal} files ({@link DataDirBackup}: each written durably with a sha256 sidecar; a copy already
 * there with a matching sidecar is kept), and the directory itself moved aside to {@code <dataDir>.replaced-<planId>}
 * (never deleted), so that the member starts empty.
 */
public final class DataDirRetirement {

    private final Path dataDir;
    private final DataDirBackup backup;
    private final MovedAside aside;

    /**
     * @param dataDir   the member's data directory ({@code --data-dir})
     * @param backupDir where the copies go: {@code <backup>/<clusterId>/replaced/<planId>-<node>}
     * @param planId    the plan, which names the directory moved aside
     */
    public DataDirRetirement(Path dataDir, Path backupDir, String planId) {
        this.dataDir = dataDir;
        this.backup = new DataDirBackup(dataDir, backupDir);
        this.aside = new MovedAside(dataDir, "replaced", planId);
    }

    /** The backup directory. */
    public Path backupDir() {
        return backup.backupDir();
    }

    /** The files a backup copies now (relative to the data dir), or none when the data dir is gone. */
    public List<Path> sources() {
        return backup.sources();
    }

    /** Copies every source durably with its sidecar; returns what it did with each, in words. */
    public List<String> backUp() {
        return backup.backUp().stream().map(DataDirBackup.Copy::describe).toList();
    }

    /** True when the data dir exists (so a move aside has something to move). */
    public boolean present() {
        return Files.exists(dataDir);
    }

    /** Where {@link #moveAside} would move the data dir now: the first free of {@code .replaced-<planId>[-n]}. */
    public Path aside() {
        return aside.free();
    }

    /** True when an attempt of this plan already moved a data dir aside. */
    public boolean movedAsideBefore() {
        return aside.movedBefore();
    }

    /** Renames the data dir aside (atomically, same file system); returns where it went. */
    public Path moveAside() {
        return aside.move();
    }
}
