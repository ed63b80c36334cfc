package dev.revive.targets.etcd;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A member's data directory moved aside by a plan, never deleted: to {@code <dataDir>.<label>-<planId>}, or
 * {@code -2}, {@code -3}… when that is taken. Used by the replacement of a member ({@code replaced}) and by the
 * restore of a snapshot ({@code rolled-back}).
 */
public final class MovedAside {

    private final Path dataDir;
    private final String label;
    private final String planId;

    /**
     * @param dataDir the member's data directory
     * @param label   what happened to it: {@code replaced}, {@code rolled-back}
     * @param planId  the plan that moves it
     */
    public MovedAside(Path dataDir, String label, String planId) {
        this.dataDir = dataDir;
        this.label = label;
        this.planId = planId;
    }

    /** The first name this plan moves a data dir to: {@code <dataDir>.<label>-<planId>}. */
    public Path first() {
        return dataDir.resolveSibling(dataDir.getFileName() + "." + label + "-" + planId);
    }

    /** Where {@link #move} would move the data dir now: the first free of {@code .<label>-<planId>[-n]}. */
    public Path free() {
        Path aside = first();
        for (int n = 2; Files.exists(aside); n++) {
            aside = dataDir.resolveSibling(dataDir.getFileName() + "." + label + "-" + planId + "-" + n);
        }
        return aside;
    }

    /** True when an attempt of this plan already moved a data dir aside. */
    public boolean movedBefore() {
        return Files.exists(first());
    }

    /** Renames the data dir to {@link #free()} (atomically, same file system), fsyncs the parent; returns where. */
    public Path move() {
        Path aside = free();
        try {
            Files.move(dataDir, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot move " + dataDir + " aside to " + aside + ": "
                    + e.getMessage(), e);
        }
        SnapshotFiles.fsyncDirectory(dataDir.toAbsolutePath().getParent());
        return aside;
    }
}
