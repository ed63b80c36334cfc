package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.targets.TargetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable snapshot files on a real file system: sha256 sidecars, what counts as written, and pruning. */
class SnapshotFilesTest {

    private static final byte[] CONTENT = "a snapshot, or something like one".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void writesTheFileAndASidecarWithItsSha256AndLeavesNoPartialFile() throws Exception {
        // given
        Path file = dir.resolve("etcd-s").resolve("p1-m1.db");

        // when
        SnapshotFiles.Written written = SnapshotFiles.write(file, out -> out.write(CONTENT));

        // then
        assertThat(file).hasBinaryContent(CONTENT);
        assertThat(written.size()).isEqualTo(CONTENT.length);
        assertThat(written.sha256()).isEqualTo(sha256(CONTENT));
        assertThat(SnapshotFiles.sidecar(file)).hasContent(sha256(CONTENT) + "  p1-m1.db");
        assertThat(SnapshotFiles.mismatch(file)).isEmpty();
        assertThat(names(file.getParent())).containsExactlyInAnyOrder("p1-m1.db", "p1-m1.db.sha256");
    }

    @Test
    void aFailedWriteLeavesNeitherFileNorPartialFile() {
        // given
        Path file = dir.resolve("p1-m1.db");

        // when / then
        assertThatThrownBy(() -> SnapshotFiles.write(file, out -> {
            out.write(CONTENT);
            throw new IOException("stream broke");
        })).isInstanceOf(TargetException.class).hasMessageContaining("stream broke");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aWriterThatMayNoLongerReplaceLeavesTheFileItsSuccessorWroteUntouched() throws IOException {
        // given: the file a successor wrote
        Path file = dir.resolve("p1-m1.db");
        SnapshotFiles.write(file, out -> out.write(CONTENT));

        // when: a paused writer, resumed after losing its fence, finishes streaming a snapshot of its own
        assertThatThrownBy(() -> SnapshotFiles.write(file, out -> out.write(new byte[] {1, 2, 3}), () -> false))
                .isInstanceOf(SnapshotFiles.NotReplacedException.class);

        // then: the successor's file and sidecar are as they were, and no partial file is left
        assertThat(file).hasBinaryContent(CONTENT);
        assertThat(SnapshotFiles.mismatch(file)).isEmpty();
        assertThat(names(dir)).containsExactlyInAnyOrder("p1-m1.db", "p1-m1.db.sha256");
    }

    @Test
    void aFileWhoseContentNoLongerMatchesItsSidecarDoesNotCount() throws IOException {
        // given
        Path file = dir.resolve("p1-m1.db");
        SnapshotFiles.write(file, out -> out.write(CONTENT));

        // when
        Files.write(file, "torn".getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(SnapshotFiles.mismatch(file)).hasValueSatisfying(why -> assertThat(why).contains("sidecar records"));
    }

    @Test
    void aFileWithoutSidecarDoesNotCount() throws IOException {
        Path file = Files.write(dir.resolve("p1-m1.db"), CONTENT);

        assertThat(SnapshotFiles.mismatch(file)).hasValueSatisfying(why -> assertThat(why).contains("no sidecar"));
    }

    @Test
    void pruneKeepsTheNewestSnapshotsWithTheirSidecarsAndTouchesNoOtherFile() throws IOException {
        // given: four snapshots, oldest first, and two files that are not snapshots
        for (int i = 1; i <= 4; i++) {
            Path file = dir.resolve("p" + i + "-m1.db");
            SnapshotFiles.write(file, out -> out.write(CONTENT));
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        Files.writeString(dir.resolve("old.db.bak"), "keep me too");

        // when
        var deleted = SnapshotFiles.prune(dir.resolve("p4-m1.db"), 2);

        // then
        assertThat(deleted).containsExactlyInAnyOrder(dir.resolve("p1-m1.db"), dir.resolve("p2-m1.db"));
        assertThat(names(dir)).containsExactlyInAnyOrder("p3-m1.db", "p3-m1.db.sha256", "p4-m1.db",
                "p4-m1.db.sha256", "notes.txt", "old.db.bak");
    }

    @Test
    void pruneNeverDeletesTheSnapshotJustWrittenEvenIfItLooksOlder() throws IOException {
        // given
        Path older = dir.resolve("a.db");
        Path fresh = dir.resolve("b.db");
        SnapshotFiles.write(older, out -> out.write(CONTENT));
        SnapshotFiles.write(fresh, out -> out.write(CONTENT));
        Files.setLastModifiedTime(fresh, FileTime.from(Instant.EPOCH));

        // when
        SnapshotFiles.prune(fresh, 1);

        // then
        assertThat(names(dir)).containsExactlyInAnyOrder("b.db", "b.db.sha256");
    }

    @Test
    void metadataIsReadBackAndGoesWithItsSnapshotWhenPrunedOrRewritten() throws IOException {
        // given: two snapshots with metadata
        Path older = dir.resolve("a.db");
        Path fresh = dir.resolve("b.db");
        SnapshotFiles.write(older, out -> out.write(CONTENT));
        new SnapshotMetadata(7, 2, "m0").writeFor(older);
        SnapshotFiles.write(fresh, out -> out.write(CONTENT));
        new SnapshotMetadata(9, 3, "m1").writeFor(fresh);
        Files.setLastModifiedTime(older, FileTime.from(Instant.EPOCH));

        // when
        SnapshotFiles.prune(fresh, 1);
        SnapshotMetadata before = SnapshotMetadata.of(fresh).orElseThrow();
        SnapshotFiles.write(fresh, out -> out.write(CONTENT));

        // then: the pruned snapshot's metadata is gone; a rewritten snapshot has none until its step records it
        assertThat(before).isEqualTo(new SnapshotMetadata(9, 3, "m1"));
        assertThat(names(dir)).containsExactlyInAnyOrder("b.db", "b.db.sha256");
        assertThat(SnapshotMetadata.of(fresh)).isEmpty();
    }

    private static Stream<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList().stream();
        }
    }

    private static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
