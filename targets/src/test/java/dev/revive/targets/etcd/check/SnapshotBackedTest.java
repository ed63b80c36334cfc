package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.etcd.SnapshotFiles;
import dev.revive.targets.etcd.SnapshotMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotBackedTest {

    @TempDir
    Path backups;

    private final FakeCluster cluster = FakeCluster.healthy(3);
    private final SnapshotBacked check = new SnapshotBacked();

    @Test
    void theSnapshotOfThePlanPassesWithItsPathSizeSha256AndRevision() throws IOException {
        // given
        Path file = snapshot("plan-1-m0.db", "snapshot bytes");
        new SnapshotMetadata(77, 3, "m1").writeFor(file);

        // when
        CheckResult result = check.run(Contexts.of(cluster, found(file)));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).containsEntry("path", file.toString()).containsEntry("size", "14")
                .containsEntry("sha256", SnapshotFiles.sha256(file)).containsEntry("revision", "77");
    }

    @Test
    void aSnapshotThatNoLongerMatchesItsSidecarFails() throws IOException {
        // given
        Path file = snapshot("plan-1-m0.db", "snapshot bytes");
        Files.writeString(file, "damaged");

        // when
        CheckResult result = check.run(Contexts.of(cluster, found(file)));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).contains("but its sidecar records");
    }

    @Test
    void aPlanWithoutSnapshotIsSkipped() {
        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.observed()).isEqualTo("no plan is verified, so no snapshot backs it");
    }

    private Path snapshot(String name, String content) {
        Path file = backups.resolve(name);
        SnapshotFiles.write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    private static PlanSnapshot found(Path file) {
        return new PlanSnapshot(Optional.of(file), SnapshotMetadata.of(file), "");
    }
}
