package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etcd's snapshot check never passes silently: no etcdctl or a file that is no snapshot both fail. */
class EtcdctlSnapshotStatusTest {

    @TempDir
    Path dir;

    @Test
    void withoutEtcdctlTheCheckFailsNamingThePackage() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("p1-m1.db"), "whatever");
        EtcdctlSnapshotStatus status = new EtcdctlSnapshotStatus(Duration.ofSeconds(10), Optional.empty());

        // when / then
        assertThatThrownBy(() -> status.check(file))
                .isInstanceOfSatisfying(TargetException.class,
                        e -> assertThat(e.kind()).isEqualTo(TargetException.Kind.LOCAL))
                .hasMessageContaining("etcdctl is not on PATH").hasMessageContaining("etcd-client");
    }

    @Test
    void aFileThatIsNoSnapshotIsRejected() throws IOException {
        // given
        Path file = Files.writeString(dir.resolve("p1-m1.db"), "not a bolt database");

        // when / then
        assertThatThrownBy(() -> new EtcdctlSnapshotStatus(Duration.ofSeconds(30)).check(file))
                .isInstanceOfSatisfying(TargetException.class,
                        e -> assertThat(e.kind()).isEqualTo(TargetException.Kind.FAILED))
                .hasMessageContaining("etcdctl snapshot status rejects " + file);
    }
}
