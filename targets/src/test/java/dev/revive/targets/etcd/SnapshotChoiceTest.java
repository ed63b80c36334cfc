package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which snapshot a RESTORE_SNAPSHOT restores, on a real directory with a stand-in for etcdctl's check. */
class SnapshotChoiceTest {

    private static final Instant PLAN_BEGAN = Instant.parse("2026-12-01T02:00:00Z");
    private static final String PLAN = "plan-rb";

    @TempDir
    Path dir;
    private final Set<String> rejected = new HashSet<>();
    private boolean etcdctlMissing;

    private SnapshotChoice choice() {
        return new SnapshotChoice(dir, this::check);
    }

    private EtcdctlSnapshotStatus.Status check(Path file) {
        if (etcdctlMissing) {
            throw new TargetException(Kind.LOCAL, "no etcdctl");
        }
        if (rejected.contains(file.getFileName().toString())) {
            throw new TargetException(Kind.FAILED, "etcdctl snapshot status rejects " + file);
        }
        return new EtcdctlSnapshotStatus.Status(1, 42, 7, 4096);
    }

    @Test
    void withoutANameTheNewestVerifiedSnapshotCreatedBeforeThePlanBeganIsChosen() throws IOException {
        snapshot("p1-m0.db", PLAN_BEGAN.minusSeconds(300));
        snapshot("p2-m1.db", PLAN_BEGAN.minusSeconds(60));
        snapshot("p3-m2.db", PLAN_BEGAN.plusSeconds(5));
        snapshot(PLAN + "-m0.db", PLAN_BEGAN.minusSeconds(10));

        SnapshotChoice.Chosen chosen = choice().choose(null, PLAN, PLAN_BEGAN);

        assertThat(chosen.file()).isEqualTo(dir.resolve("p2-m1.db"));
        assertThat(chosen.sha256()).isEqualTo(SnapshotFiles.sha256(chosen.file()));
        assertThat(chosen.status().revision()).isEqualTo(42);
    }

    @Test
    void aNewerSnapshotWhoseSidecarDoesNotMatchOrThatEtcdctlRejectsIsPassedOver() throws IOException {
        snapshot("p1-m0.db", PLAN_BEGAN.minusSeconds(300));
        snapshot("p2-m0.db", PLAN_BEGAN.minusSeconds(200));
        snapshot("p3-m0.db", PLAN_BEGAN.minusSeconds(100));
        Files.writeString(dir.resolve("p3-m0.db"), "changed after its sidecar", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(dir.resolve("p3-m0.db"), FileTime.from(PLAN_BEGAN.minusSeconds(100)));
        rejected.add("p2-m0.db");

        assertThat(choice().choose(null, PLAN, PLAN_BEGAN).file()).isEqualTo(dir.resolve("p1-m0.db"));
    }

    @Test
    void snapshotsModifiedAtTheSameTimeAreOrderedByNameSoEveryMemberPicksTheSameOne() throws IOException {
        Instant at = PLAN_BEGAN.minusSeconds(30);
        snapshot("p1-m0.db", at);
        snapshot("p1-m2.db", at);
        snapshot("p1-m1.db", at);

        assertThat(choice().candidates(PLAN, PLAN_BEGAN)).extracting(path -> path.getFileName().toString())
                .containsExactly("p1-m2.db", "p1-m1.db", "p1-m0.db");
        assertThat(choice().choose(null, PLAN, PLAN_BEGAN).file()).isEqualTo(dir.resolve("p1-m2.db"));
    }

    @Test
    void aNamedSnapshotIsTakenEvenWhenANewerOneExists() throws IOException {
        snapshot("p1-m0.db", PLAN_BEGAN.minusSeconds(300));
        snapshot("p2-m0.db", PLAN_BEGAN.minusSeconds(60));

        assertThat(choice().choose("p1-m0.db", PLAN, PLAN_BEGAN).file()).isEqualTo(dir.resolve("p1-m0.db"));
    }

    @Test
    void aNamedSnapshotThatIsNotVerifiedFailsRatherThanFallingBackToAnother() throws IOException {
        snapshot("p1-m0.db", PLAN_BEGAN.minusSeconds(300));
        snapshot("p2-m0.db", PLAN_BEGAN.minusSeconds(60));
        rejected.add("p2-m0.db");

        assertThatThrownBy(() -> choice().choose("p2-m0.db", PLAN, PLAN_BEGAN)).isInstanceOf(TargetException.class)
                .hasMessageContaining("p2-m0.db").extracting(e -> ((TargetException) e).kind()).isEqualTo(Kind.FAILED);
        assertThatThrownBy(() -> choice().choose("p9-m0.db", PLAN, PLAN_BEGAN)).isInstanceOf(TargetException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void noVerifiedSnapshotBeforeThePlanFails() throws IOException {
        snapshot(PLAN + "-m0.db", PLAN_BEGAN.minusSeconds(10));
        snapshot("p3-m0.db", PLAN_BEGAN.plusSeconds(10));

        assertThatThrownBy(() -> choice().choose(null, PLAN, PLAN_BEGAN)).isInstanceOf(TargetException.class)
                .hasMessageContaining("no verified snapshot in " + dir)
                .extracting(e -> ((TargetException) e).kind()).isEqualTo(Kind.FAILED);
    }

    @Test
    void anEtcdctlThatCannotRunFailsTheChoiceInsteadOfPassingOverEverySnapshot() throws IOException {
        snapshot("p1-m0.db", PLAN_BEGAN.minusSeconds(300));
        etcdctlMissing = true;

        assertThatThrownBy(() -> choice().choose(null, PLAN, PLAN_BEGAN)).isInstanceOf(TargetException.class)
                .extracting(e -> ((TargetException) e).kind()).isEqualTo(Kind.LOCAL);
    }

    private void snapshot(String name, Instant modified) throws IOException {
        Path file = dir.resolve(name);
        SnapshotFiles.write(file, out -> out.write(name.getBytes(StandardCharsets.UTF_8)));
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
