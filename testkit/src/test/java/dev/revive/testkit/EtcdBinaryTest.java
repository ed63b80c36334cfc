package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdBinaryTest {

    @TempDir
    Path temp;

    @Test
    void missingEtcdExplainsHowToInstallIt() {
        assertThatThrownBy(() -> EtcdBinary.locate(temp.toString(), List.of(temp.resolve("nope"))))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("apt-get update && apt-get install -y etcd-server");
    }

    @Test
    void findsTheFirstExecutableEtcdOnThePath() throws IOException {
        Path notExecutable = Files.createDirectories(temp.resolve("a")).resolve("etcd");
        Files.writeString(notExecutable, "");
        Path executable = Files.createDirectories(temp.resolve("b")).resolve("etcd");
        Files.writeString(executable, "");
        assertThat(executable.toFile().setExecutable(true)).isTrue();

        String path = temp.resolve("a") + File.pathSeparator + temp.resolve("b");

        assertThat(EtcdBinary.locate(path, List.of())).isEqualTo(executable);
    }

    @Test
    void fallsBackToTheUsualInstallLocation() throws IOException {
        Path fallback = temp.resolve("etcd");
        Files.writeString(fallback, "");
        assertThat(fallback.toFile().setExecutable(true)).isTrue();

        assertThat(EtcdBinary.locate(null, List.of(fallback))).isEqualTo(fallback);
    }
}
