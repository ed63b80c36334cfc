package dev.revive.targets.etcd;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Which snapshot a RESTORE_SNAPSHOT restores, from the cluster's backup directory {@code <backup>/<clusterId>/}.
 * A snapshot counts only while its sha256 sidecar matches ({@link SnapshotFiles#mismatch}) and etcd's own check
 * ({@code etcdctl snapshot status}) accepts it.
 *
 * <p>A step that names one ({@code StepParams.snapshot}, a file name in that directory) gets exactly that one, or
 * fails. A step that names none gets the newest verified one created before its plan began: of the {@code *.db}
 * files directly in the directory, those not written by this plan (name not starting {@code <planId>-}) and last
 * modified before the plan's {@code createdAt} (snapshot files are moved into place once and never rewritten), newest
 * modification first, ties by name descending; the first that is verified wins. The choice depends only on files
 * that existed before the plan began, so every member's step of one plan picks the same snapshot as long as those
 * files stay as they are (a plan that must be sure names the snapshot).
 */
final class SnapshotChoice {

    private static final Logger LOG = Logger.getLogger(SnapshotChoice.class);

    private final Path directory;
    private final Function<Path, EtcdctlSnapshotStatus.Status> check;

    /**
     * @param directory the cluster's backup directory
     * @param check     etcd's check of a file: throws {@link TargetException} ({@link Kind#FAILED} when it rejects
     *                  the file)
     */
    SnapshotChoice(Path directory, Function<Path, EtcdctlSnapshotStatus.Status> check) {
        this.directory = directory;
        this.check = check;
    }

    /** A verified snapshot: the file, the sha256 its sidecar records, and what etcdctl reports about it. */
    record Chosen(Path file, String sha256, EtcdctlSnapshotStatus.Status status) {
    }

    /**
     * The snapshot named {@code name}, or when null the newest verified one created before the plan began.
     *
     * @throws TargetException {@link Kind#FAILED} when the named one is not a verified snapshot or there is none,
     *                         whatever etcdctl's check threw when it could not run
     */
    Chosen choose(String name, String planId, Instant planCreatedAt) {
        if (name != null) {
            Path file = directory.resolve(name);
            if (!file.getParent().equals(directory)) {
                throw new TargetException(Kind.FAILED, "snapshot " + name + " is not a file name in " + directory);
            }
            return verified(file).orElseThrow(() -> new TargetException(Kind.FAILED, "snapshot " + name
                    + " named by the step is no verified snapshot: " + SnapshotFiles.mismatch(file)
                    .orElse("etcdctl snapshot status rejects it")));
        }
        List<Path> candidates = candidates(planId, planCreatedAt);
        for (Path file : candidates) {
            Optional<Chosen> chosen = verified(file);
            if (chosen.isPresent()) {
                return chosen.get();
            }
        }
        throw new TargetException(Kind.FAILED, "no verified snapshot in " + directory + " created before plan "
                + planId + " began at " + planCreatedAt + " (" + candidates.size() + " candidate(s), none verified)");
    }

    /** The {@code *.db} files not of this plan, modified before it began, newest first (ties: name descending). */
    List<Path> candidates(String planId, Instant planCreatedAt) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            entries.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(SnapshotFiles.SUFFIX))
                    .filter(file -> !file.getFileName().toString().startsWith(planId + "-"))
                    .filter(file -> modified(file).toInstant().isBefore(planCreatedAt))
                    .forEach(files::add);
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot list " + directory + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(SnapshotChoice::modified).reversed()
                .thenComparing(Comparator.<Path>naturalOrder().reversed()));
        return files;
    }

    /** The file as a chosen snapshot when its sidecar matches and etcdctl accepts it; empty when either says no. */
    private Optional<Chosen> verified(Path file) {
        Optional<String> mismatch = SnapshotFiles.mismatch(file);
        if (mismatch.isPresent()) {
            LOG.warnf("not restoring %s: %s", file, mismatch.get());
            return Optional.empty();
        }
        try {
            EtcdctlSnapshotStatus.Status status = check.apply(file);
            return Optional.of(new Chosen(file, SnapshotFiles.recordedSha256(file), status));
        } catch (TargetException e) {
            if (e.kind() != Kind.FAILED) {
                throw e;
            }
            LOG.warnf("not restoring %s: %s", file, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot read the sidecar of " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
