package dev.revive.targets.etcd.replace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.targets.etcd.SnapshotFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirRetirementTest {

    @TempDir
    Path dir;

    @Test
    void backsUpTheDbAndTheWalFilesWithSidecarsAndKeepsCopiesOnARepeat() throws IOException {
        Path data = dataDir();
        DataDirRetirement retirement = new DataDirRetirement(data, dir.resolve("backup"), "p1");

        assertThat(retirement.backUp()).hasSize(2).allSatisfy(line -> assertThat(line).contains("copied to"));
        Path walCopy = dir.resolve("backup/member/wal/0000000000000000-0000000000000000.wal");
        assertThat(SnapshotFiles.mismatch(walCopy)).isEmpty();
        assertThat(SnapshotFiles.mismatch(dir.resolve("backup/member/snap/db"))).isEmpty();
        assertThat(dir.resolve("backup/member/wal/0.tmp")).doesNotExist();

        assertThat(retirement.backUp()).allSatisfy(line -> assertThat(line).contains("already copied"));
    }

    @Test
    void movesAsideUnderAFreeNameAndNeverDeletes() throws IOException {
        Path data = dataDir();
        DataDirRetirement retirement = new DataDirRetirement(data, dir.resolve("backup"), "p1");

        assertThat(retirement.moveAside()).isEqualTo(dir.resolve("m1.etcd.replaced-p1"));
        Files.createDirectories(data);
        assertThat(retirement.moveAside()).isEqualTo(dir.resolve("m1.etcd.replaced-p1-2"));

        assertThat(dir.resolve("m1.etcd.replaced-p1/member/snap/db")).hasContent("db");
        assertThat(retirement.present()).isFalse();
        assertThat(retirement.sources()).isEmpty();
    }

    private Path dataDir() throws IOException {
        Path data = dir.resolve("m1.etcd");
        Files.createDirectories(data.resolve("member/snap"));
        Files.createDirectories(data.resolve("member/wal"));
        Files.writeString(data.resolve("member/snap/db"), "db");
        Files.writeString(data.resolve("member/wal/0000000000000000-0000000000000000.wal"), "wal");
        Files.writeString(data.resolve("member/wal/0.tmp"), "preallocated");
        return data;
    }
}
