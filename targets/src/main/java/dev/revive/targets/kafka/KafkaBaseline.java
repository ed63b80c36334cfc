package dev.revive.targets.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import dev.revive.targets.etcd.SnapshotFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * What a Kafka cluster held when a plan began: every partition's high watermark and every consumer group's committed
 * offsets, by {@code topic-partition}. Stored as JSON in {@code <backup dir>/<clusterId>/baseline-<planId>.json},
 * written durably with a sha256 sidecar ({@link SnapshotFiles}); the newest {@code backup.keep} are kept.
 *
 * @param planId           the plan that recorded it
 * @param takenAt          when, as ISO-8601 text
 * @param highWatermarks   high watermark per partition
 * @param committedOffsets committed offset per partition, per consumer group
 */
public record KafkaBaseline(String planId, String takenAt, Map<String, Long> highWatermarks,
        Map<String, Map<String, Long>> committedOffsets) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "baseline-";
    private static final String SUFFIX = ".json";

    public KafkaBaseline {
        highWatermarks = new TreeMap<>(highWatermarks);
        committedOffsets = new TreeMap<>(committedOffsets);
    }

    /** The file of {@code planId}'s baseline of {@code spec}'s cluster. */
    public static Path file(ClusterSpec spec, String planId) {
        return Path.of(spec.backup().directory(), spec.id(), PREFIX + planId + SUFFIX);
    }

    /** Writes the baseline durably, asking {@code mayReplace} right before it moves into place. */
    public SnapshotFiles.Written write(Path file, BooleanSupplier mayReplace) {
        return SnapshotFiles.write(file, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, this),
                mayReplace);
    }

    /** The baseline in {@code file}, when it is there and its sidecar matches. */
    public static Optional<KafkaBaseline> read(Path file) {
        if (SnapshotFiles.mismatch(file).isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), KafkaBaseline.class));
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot read baseline " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes all but the newest {@code keep} baselines beside {@code file} ({@code file} itself is kept). */
    public static List<Path> prune(Path file, int keep) {
        List<Path> deleted = new ArrayList<>();
        try (Stream<Path> entries = Files.list(file.toAbsolutePath().getParent())) {
            List<Path> older = entries.filter(KafkaBaseline::isBaseline)
                    .filter(path -> !path.equals(file.toAbsolutePath()))
                    .sorted(Comparator.comparing(KafkaBaseline::modified).reversed()).toList();
            for (Path old : older.subList(Math.min(older.size(), Math.max(0, keep - 1)), older.size())) {
                SnapshotFiles.delete(old);
                deleted.add(old);
            }
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot prune baselines beside " + file + ": " + e.getMessage(), e);
        }
        return deleted;
    }

    private static boolean isBaseline(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(path);
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
