package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirBackupTest {

    @TempDir
    Path dir;

    @Test
    void keepsAMatchingCopyAndCopiesAgainOneWhoseSidecarNoLongerMatches() throws IOException {
        Path data = dir.resolve("m1.etcd");
        Files.createDirectories(data.resolve("member/snap"));
        Files.createDirectories(data.resolve("member/wal"));
        Files.writeString(data.resolve("member/snap/db"), "db");
        Files.writeString(data.resolve("member/wal/0000000000000001-0000000000000002.wal"), "wal");
        DataDirBackup backup = new DataDirBackup(data, dir.resolve("backup"));
        backup.backUp();
        Files.writeString(dir.resolve("backup/member/snap/db"), "torn");

        List<DataDirBackup.Copy> again = backup.backUp();

        assertThat(again).extracting(DataDirBackup.Copy::source, DataDirBackup.Copy::kept).containsExactly(
                tuple(Path.of("member/snap/db"), false),
                tuple(Path.of("member/wal/0000000000000001-0000000000000002.wal"), true));
        assertThat(dir.resolve("backup/member/snap/db")).hasContent("db");
        assertThat(again.get(0).sha256()).isEqualTo(SnapshotFiles.sha256(data.resolve("member/snap/db")));
        assertThat(again.get(1).size()).isEqualTo(3);
        assertThat(backup.alreadyCopied()).hasSize(2);
    }
}
