package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.etcd.SnapshotMetadata;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutageWritesPresentTest {

    private static final Path FILE = Path.of("/backups/etcd-3/plan-1-m0.db");
    private static final PlanSnapshot AT_20 = new PlanSnapshot(Optional.of(FILE),
            Optional.of(new SnapshotMetadata(20, 5, "m0")), "");

    private final FakeCluster cluster = FakeCluster.healthy(3);
    private final OutageWritesPresent check = new OutageWritesPresent();

    @Test
    void theKeysWrittenAfterTheSnapshotOnEveryMemberPassWithTheirCount() {
        // given: a key from before the snapshot, two written after it
        everyMember("before", 15);
        everyMember("during-1", 21);
        everyMember("during-2", 22);

        // when
        CheckResult result = check.run(Contexts.of(cluster, AT_20));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).isEqualTo("2 key(s) written after snapshot revision 20 present at the same "
                + "mod revisions on 3 member(s) at revision 50");
        assertThat(result.evidence()).containsEntry("count", "2 key(s) written after the snapshot, compared at "
                + "revision 50").containsEntry("m2", "2 key(s)");
    }

    @Test
    void aMemberLackingAnOutageWriteFails() {
        // given
        everyMember("during-1", 21);
        everyMember("during-2", 22);
        cluster.member("m2").keys.remove(cluster.member("m2").keys.lastKey());

        // when
        CheckResult result = check.run(Contexts.of(cluster, AT_20));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).endsWith("1 differ between members: during-2");
        assertThat(result.evidence().get("key during-2")).endsWith("m2: missing");
    }

    @Test
    void aSilentMemberCannotShowTheOutageWritesAndFails() {
        // given
        everyMember("during-1", 21);
        cluster.silent("m2");

        // when
        CheckResult result = check.run(Contexts.of(cluster, AT_20));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("1 key(s) written after snapshot revision 20: cannot be shown on m2, "
                + "which do(es) not answer");
    }

    @Test
    void aMemberBehindTheSnapshotFails() {
        // given
        cluster.member("m1").revision = 12;

        // when
        CheckResult result = check.run(Contexts.of(cluster, AT_20));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("m1 has not reached the snapshot's revision 20");
    }

    @Test
    void withoutASnapshotForThePlanTheCheckIsSkippedSayingSo() {
        // given
        PlanSnapshot none = new PlanSnapshot(Optional.empty(), Optional.empty(), "plan p took no snapshot");

        // when
        CheckResult result = check.run(Contexts.of(cluster, none));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.observed()).isEqualTo("plan p took no snapshot");
    }

    @Test
    void aSnapshotThatRecordsNoRevisionIsSkipped() {
        // when
        CheckResult result = check.run(Contexts.of(cluster, new PlanSnapshot(Optional.of(FILE), Optional.empty(), "")));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.observed()).isEqualTo("snapshot " + FILE + " records no revision to count from");
    }

    private void everyMember(String key, long modRevision) {
        cluster.members().forEach(member -> cluster.member(member.nodeId()).put(key, "v", modRevision));
    }
}
