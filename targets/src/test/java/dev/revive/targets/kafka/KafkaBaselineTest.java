package dev.revive.targets.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.targets.etcd.SnapshotFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBaselineTest {

    private static final ProcessControl CONTROL = new ProcessControl(List.of("/usr/bin/true"), null, Map.of(),
            "/tmp/k1.pid", "/tmp/k1.log", Duration.ofSeconds(5));

    @TempDir
    Path dir;

    @Test
    void baselineLivesUnderTheClusterInTheBackupDirectoryByPlan() {
        assertThat(KafkaBaseline.file(spec(2), "plan-7")).isEqualTo(dir.resolve("c-1").resolve("baseline-plan-7.json"));
    }

    @Test
    void writtenBaselineReadsBackWithItsOffsets() {
        // given
        Path file = KafkaBaseline.file(spec(2), "plan-1");
        KafkaBaseline baseline = new KafkaBaseline("plan-1", "2026-11-30T10:00:00Z", Map.of("orders-0", 42L),
                Map.of("billing", Map.of("orders-0", 40L)));

        // when
        baseline.write(file, () -> true);

        // then
        assertThat(KafkaBaseline.read(file)).contains(baseline);
        assertThat(SnapshotFiles.sidecar(file)).exists();
    }

    @Test
    void tamperedBaselineDoesNotCount() throws IOException {
        // given
        Path file = KafkaBaseline.file(spec(2), "plan-1");
        new KafkaBaseline("plan-1", "t", Map.of("orders-0", 42L), Map.of()).write(file, () -> true);

        // when
        Files.writeString(file, "{\"planId\":\"plan-1\",\"takenAt\":\"t\",\"highWatermarks\":{\"orders-0\":1},"
                + "\"committedOffsets\":{}}");

        // then
        assertThat(KafkaBaseline.read(file)).isEmpty();
    }

    @Test
    void pruneKeepsTheNewestBaselinesAndTouchesNoOtherFile() throws IOException {
        // given
        ClusterSpec spec = spec(2);
        for (int i = 1; i <= 4; i++) {
            Path file = KafkaBaseline.file(spec, "plan-" + i);
            new KafkaBaseline("plan-" + i, "t", Map.of(), Map.of()).write(file, () -> true);
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000L * i));
        }
        Path other = Files.writeString(dir.resolve("c-1").resolve("notes.json"), "{}");

        // when
        List<Path> deleted = KafkaBaseline.prune(KafkaBaseline.file(spec, "plan-4"), 2);

        // then
        assertThat(deleted).extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrder("baseline-plan-1.json", "baseline-plan-2.json");
        assertThat(KafkaBaseline.file(spec, "plan-3")).exists();
        assertThat(KafkaBaseline.file(spec, "plan-4")).exists();
        assertThat(other).exists();
    }

    private ClusterSpec spec(int keep) {
        NodeSpec node = new NodeSpec("k1", NodeRole.MEMBER, new Endpoints("tcp://127.0.0.1:9092", null), CONTROL,
                dir.resolve("k1").toString(), List.of(), List.of());
        return new ClusterSpec("c-1", SystemKind.KAFKA, List.of(node), Policy.defaults(),
                new BackupLocation(dir.toString(), keep));
    }
}
