package dev.revive.targets.etcd;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The directories of one member's restore by one plan: the restore goes into {@code <dataDir>.restoring-<planId>}
 * (a leftover of a crashed attempt is removed first), which gets a marker {@value #MARKER} naming the plan, the
 * snapshot and its sha256; the old data dir is moved aside to {@code <dataDir>.rolled-back-<planId>} ({@link
 * MovedAside}: never deleted, {@code -2} if taken) and the restored one into its place, each rename followed by an
 * fsync of the parent. A data dir whose marker names the plan is restored already.
 */
public final class RestoredDataDir {

    /** The marker file a restore leaves in the data dir (etcd ignores other files there, with a warning). */
    public static final String MARKER = "revive-restored.properties";

    private final Path dataDir;
    private final String planId;
    private final MovedAside aside;

    RestoredDataDir(Path dataDir, String planId) {
        this.dataDir = dataDir;
        this.planId = planId;
        this.aside = new MovedAside(dataDir, "rolled-back", planId);
    }

    /**
     * What the marker of a restored data dir records.
     *
     * @param planId   the plan that restored the data dir
     * @param snapshot the file name of the snapshot, in the cluster's backup directory
     * @param sha256   the sha256 its sidecar recorded
     */
    public record Marker(String planId, String snapshot, String sha256) {
    }

    /** Where the restore is written before it takes the data dir's place. */
    Path restoring() {
        return dataDir.resolveSibling(dataDir.getFileName() + ".restoring-" + planId);
    }

    /** The data dir. */
    Path dataDir() {
        return dataDir;
    }

    /** The marker in the data dir when it names this plan: restored already. */
    Optional<Marker> restoredByThisPlan() {
        return marker(dataDir).filter(marker -> marker.planId().equals(planId));
    }

    /** True when a crashed attempt left a restore that never took the data dir's place. */
    boolean leftover() {
        return Files.exists(restoring());
    }

    /** Removes a leftover restore of a crashed attempt (only ever this plan's {@code .restoring-} dir). */
    void removeLeftover() {
        Path restoring = restoring();
        if (!Files.exists(restoring)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(restoring)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot remove the leftover restore " + restoring + ": "
                    + e.getMessage(), e);
        }
        SnapshotFiles.fsyncDirectory(parent());
    }

    /** Writes the marker into the restored dir, durably. */
    void mark(Marker marker) {
        Properties properties = new Properties();
        properties.setProperty("plan", marker.planId());
        properties.setProperty("snapshot", marker.snapshot());
        properties.setProperty("sha256", marker.sha256());
        Path file = restoring().resolve(MARKER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(channel);
            properties.store(out, "restored by Revive");
            out.flush();
            channel.force(true);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot write " + file + ": " + e.getMessage(), e);
        }
        SnapshotFiles.fsyncDirectory(restoring());
    }

    /**
     * The old data dir's place aside: where it is now when an earlier attempt of this plan moved it there and no data
     * dir is back in its place, else where {@link #moveOldAside} would move it; empty when there is no data dir.
     */
    Optional<Path> aside() {
        if (Files.exists(dataDir)) {
            return Optional.of(aside.free());
        }
        return aside.movedBefore() ? Optional.of(aside.first()) : Optional.empty();
    }

    /** True when the old data dir is still in place (not yet moved aside by this plan). */
    boolean oldInPlace() {
        return Files.exists(dataDir);
    }

    /** Moves the old data dir aside; returns where it went. */
    Path moveOldAside() {
        return aside.move();
    }

    /** Moves the restored dir into the data dir's place and fsyncs the parent. */
    void moveIntoPlace() {
        try {
            Files.move(restoring(), dataDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot move " + restoring() + " to " + dataDir + ": "
                    + e.getMessage(), e);
        }
        SnapshotFiles.fsyncDirectory(parent());
    }

    private Path parent() {
        return dataDir.toAbsolutePath().getParent();
    }

    /** The marker in data dir {@code dir}, whichever plan it names; empty when there is none or it is unreadable. */
    public static Optional<Marker> marker(Path dir) {
        Path file = dir.resolve(MARKER);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String plan = properties.getProperty("plan");
        return plan == null ? Optional.empty() : Optional.of(new Marker(plan, properties.getProperty("snapshot", ""),
                properties.getProperty("sha256", "")));
    }
}
