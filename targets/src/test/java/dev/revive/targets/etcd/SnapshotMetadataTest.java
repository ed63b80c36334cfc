package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotMetadataTest {

    @TempDir
    Path backups;

    @Test
    void theKeyspaceIsWrittenAndReadBackWithTheHashUnsigned() throws IOException {
        // given: a hash above 2^31, which etcd prints unsigned
        Path file = snapshot();
        SnapshotMetadata written = new SnapshotMetadata(57, 120, "m0",
                Optional.of(new SnapshotMetadata.Keyspace((int) 3_000_000_000L, 40)));

        // when
        written.writeFor(file);

        // then
        assertThat(SnapshotMetadata.of(file)).contains(written);
        assertThat(Files.readString(SnapshotFiles.metadata(file))).contains("\"hashKv\":3000000000",
                "\"liveKeys\":40");
    }

    @Test
    void metadataWrittenBeforeTheKeyspaceStillParsesWithoutIt() throws IOException {
        // given
        Path file = snapshot();
        SnapshotFiles.writeMetadata(file, "{\"revision\":57,\"totalKeys\":120,\"source\":\"m0\"}"
                .getBytes(StandardCharsets.UTF_8));

        // when
        Optional<SnapshotMetadata> metadata = SnapshotMetadata.of(file);

        // then
        assertThat(metadata).contains(new SnapshotMetadata(57, 120, "m0"));
        assertThat(metadata.get().keyspace()).isEmpty();
    }

    private Path snapshot() {
        Path file = backups.resolve("plan-1-m0.db");
        SnapshotFiles.write(file, out -> out.write("snapshot".getBytes(StandardCharsets.UTF_8)));
        return file;
    }
}
