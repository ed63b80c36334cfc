package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.revive.targets.TargetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fence record: written once per plan and never replaced, any key bytes kept exactly; what the fence leaves. */
class WriteFenceRecordTest {

    private static final RolePermission READ_WRITE = RolePermission.of(RolePermission.Type.READWRITE,
            new byte[] {'a', (byte) 0xff, 0}, new byte[] {'b'});
    private static final RolePermission WRITE_ONE = RolePermission.of(RolePermission.Type.WRITE,
            "jobs/x".getBytes(), new byte[0]);

    @TempDir
    Path dir;

    @Test
    void aSecondRecordOfThePlanNeverReplacesTheFirst() throws IOException {
        // given
        Path file = dir.resolve("fences").resolve("plan-1.json");
        WriteFenceRecord original = new WriteFenceRecord("etcd-3", "plan-1", Map.of("app", List.of(READ_WRITE)));
        WriteFenceRecord fenced = new WriteFenceRecord("etcd-3", "plan-1",
                Map.of("app", List.of(READ_WRITE.fenced().orElseThrow())));

        // when
        WriteFenceRecord first = original.keepFirst(file);
        byte[] written = Files.readAllBytes(file);
        WriteFenceRecord second = fenced.keepFirst(file);

        // then
        assertThat(first).isEqualTo(original);
        assertThat(second).isEqualTo(original);
        assertThat(Files.readAllBytes(file)).isEqualTo(written);
        assertThat(WriteFenceRecord.read(file)).contains(original);
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void anyKeyBytesSurviveTheRecord() {
        // given
        Path file = dir.resolve("plan-2.json");

        // when
        new WriteFenceRecord("etcd-3", "plan-2", Map.of("app", List.of(READ_WRITE, WRITE_ONE))).keepFirst(file);

        // then
        RolePermission read = WriteFenceRecord.read(file).orElseThrow().roles().get("app").get(0);
        assertThat(read.keyBytes()).containsExactly('a', (byte) 0xff, 0);
        assertThat(read.sameRange(READ_WRITE)).isTrue();
    }

    @Test
    void noFileIsNoRecordAndAFileThatIsNoRecordIsALocalError() throws IOException {
        Path broken = Files.writeString(dir.resolve("plan-3.json"), "{not json");

        assertThat(WriteFenceRecord.read(dir.resolve("absent.json"))).isEmpty();
        assertThat(catchThrowableOfType(() -> WriteFenceRecord.read(broken), TargetException.class).kind())
                .isEqualTo(TargetException.Kind.LOCAL);
    }

    @Test
    void theFenceLeavesReadAndTakesWriteAway() {
        assertThat(READ_WRITE.fenced()).contains(READ_WRITE.withType(RolePermission.Type.READ));
        assertThat(WRITE_ONE.fenced()).isEmpty();
        assertThat(READ_WRITE.withType(RolePermission.Type.READ).fenced())
                .contains(READ_WRITE.withType(RolePermission.Type.READ));
        assertThat(READ_WRITE).hasToString("READWRITE [a\\xff\\x00, b)");
        assertThat(WRITE_ONE).hasToString("WRITE jobs/x");
    }
}
