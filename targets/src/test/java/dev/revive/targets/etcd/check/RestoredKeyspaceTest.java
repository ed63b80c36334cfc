package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.etcd.RestoredDataDir;
import dev.revive.targets.etcd.SnapshotFiles;
import dev.revive.targets.etcd.SnapshotMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoredKeyspaceTest {

    private static final String PLAN = "plan-rb";
    private static final String SNAPSHOT = "plan-snap-m0.db";
    private static final SnapshotMetadata.Keyspace RECORDED = new SnapshotMetadata.Keyspace(42, 2);

    @TempDir
    Path backups;

    private final FakeCluster cluster = FakeCluster.healthy(3);
    private final RestoredKeyspace check = new RestoredKeyspace();

    RestoredKeyspaceTest() {
        cluster.members().forEach(member -> cluster.member(member.nodeId()).put("a", "1", 10).put("b", "2", 20));
    }

    @Test
    void aPlanThatRestoredNoMemberIsSkipped() {
        // when
        CheckResult result = check.run(Contexts.of(cluster, PlanSnapshot.NONE, restore(Map.of(), "m0", "m1", "m2")));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.observed()).isEqualTo("the plan restored no snapshot");
    }

    @Test
    void everyMemberHoldingTheRecordedHashAndCountAtTheSnapshotRevisionPasses() {
        // given
        snapshot(Optional.of(RECORDED));

        // when
        CheckResult result = check.run(context(everyMemberFrom(SNAPSHOT)));

        // then
        assertThat(result.status()).as(result.observed()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).contains("as recorded with the snapshot");
        assertThat(result.evidence()).containsEntry("m0", "hashKV 42 at revision 40, 2 keys")
                .containsEntry("m2", "hashKV 42 at revision 40, 2 keys")
                .containsEntry("snapshot", backups.resolve(SNAPSHOT).toString()).containsEntry("sha256", "abc");
    }

    @Test
    void aMemberWithAnotherHashThanTheRecordedOneFails() {
        // given
        snapshot(Optional.of(RECORDED));
        cluster.member("m2").hash = 43;

        // when
        CheckResult result = check.run(context(everyMemberFrom(SNAPSHOT)));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).contains("[m2]", "hashKV 43", "but the snapshot recorded hashKV 42, 2 keys");
    }

    @Test
    void aMemberWithAnotherKeyCountThanTheRecordedOneFails() {
        // given
        snapshot(Optional.of(RECORDED));
        cluster.member("m1").put("c", "3", 30);

        // when
        CheckResult result = check.run(context(everyMemberFrom(SNAPSHOT)));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).contains("{hashKV 42, 3 keys=[m1]}");
    }

    @Test
    void membersRestoredFromDifferentSnapshotsFail() {
        // given
        snapshot(Optional.of(RECORDED));
        Map<String, RestoredDataDir.Marker> markers = new LinkedHashMap<>(everyMemberFrom(SNAPSHOT));
        markers.put("m2", new RestoredDataDir.Marker(PLAN, "older-m0.db", "def"));

        // when
        CheckResult result = check.run(context(markers));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).contains("different snapshots", SNAPSHOT + "=[m0, m1]", "older-m0.db=[m2]");
    }

    @Test
    void aMemberTheRestoreLeftOutFails() {
        // given
        snapshot(Optional.of(RECORDED));
        Map<String, RestoredDataDir.Marker> markers = new LinkedHashMap<>(everyMemberFrom(SNAPSHOT));
        markers.remove("m1");

        // when
        CheckResult result = check.run(Contexts.of(cluster, PlanSnapshot.NONE, restore(markers, "m1")));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).contains("not restored by the plan: [m1]");
    }

    @Test
    void aMemberBelowTheSnapshotRevisionFails() {
        // given
        snapshot(Optional.of(RECORDED));
        cluster.member("m1").revision = 39;

        // when
        CheckResult result = check.run(context(everyMemberFrom(SNAPSHOT)));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).containsEntry("m1", "at revision 39, below the snapshot's 40");
    }

    @Test
    void withoutARecordedKeyspaceTheMembersAreComparedWithEachOther() {
        // given
        snapshot(Optional.empty());

        // when
        CheckResult agree = check.run(context(everyMemberFrom(SNAPSHOT)));
        cluster.member("m0").hash = 7;
        CheckResult differ = check.run(context(everyMemberFrom(SNAPSHOT)));

        // then
        assertThat(agree.status()).isEqualTo(CheckStatus.PASS);
        assertThat(agree.observed()).contains("compared with each other only");
        assertThat(differ.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(differ.observed()).contains("hashKV 7, 2 keys=[m0]", "hashKV 42, 2 keys=[m1, m2]", "differ");
    }

    @Test
    void aSilentMemberIsAnErrorNotAFailure() {
        // given
        snapshot(Optional.of(RECORDED));
        cluster.silent("m1");

        // when
        CheckResult result = check.run(context(everyMemberFrom(SNAPSHOT)));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.observed()).contains("from m1");
        assertThat(result.evidence().get("m1")).contains("Connection refused");
    }

    @Test
    void aSnapshotWithoutMetadataIsAnError() {
        // when
        CheckResult result = check.run(context(everyMemberFrom(SNAPSHOT)));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.observed()).contains("has no readable metadata");
    }

    private void snapshot(Optional<SnapshotMetadata.Keyspace> keyspace) {
        Path file = backups.resolve(SNAPSHOT);
        SnapshotFiles.write(file, out -> out.write("snapshot".getBytes(StandardCharsets.UTF_8)));
        new SnapshotMetadata(40, 9, "m0", keyspace).writeFor(file);
    }

    private Map<String, RestoredDataDir.Marker> everyMemberFrom(String snapshot) {
        Map<String, RestoredDataDir.Marker> markers = new LinkedHashMap<>();
        cluster.members().forEach(member -> markers.put(member.nodeId(), new RestoredDataDir.Marker(PLAN, snapshot,
                "abc")));
        return markers;
    }

    private CheckContext context(Map<String, RestoredDataDir.Marker> markers) {
        return Contexts.of(cluster, PlanSnapshot.NONE, restore(markers));
    }

    private PlanRestore restore(Map<String, RestoredDataDir.Marker> markers, String... unmarked) {
        return new PlanRestore(PLAN, markers, List.of(unmarked), backups);
    }
}
