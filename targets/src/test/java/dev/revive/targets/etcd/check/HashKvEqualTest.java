package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import org.junit.jupiter.api.Test;

class HashKvEqualTest {

    private final HashKvEqual check = new HashKvEqual();

    @Test
    void passesWithOneHashAtOneRevision() {
        FakeCluster cluster = FakeCluster.healthy(3);

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).isEqualTo("hash 42 at revision 50 on 3 member(s)");
        assertThat(result.evidence()).containsEntry("m2", "hash=42 revision=50 compact=0");
    }

    @Test
    void failsWhenAHashDiffersAtTheCommonRevision() {
        FakeCluster cluster = FakeCluster.healthy(3);
        cluster.member("m1").hash = -7;

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("hashes differ at revision 50: {42=[m0, m2], 4294967289=[m1]}");
    }

    @Test
    void hashesAtTheLowestRevisionWhenMembersAreApart() {
        FakeCluster cluster = FakeCluster.healthy(3);
        cluster.member("m0").revision = 53;

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).containsEntry("m0", "hash=42 revision=50 compact=0");
    }

    @Test
    void retriesWhenWritesMoveOn() {
        FakeCluster cluster = FakeCluster.healthy(3);
        cluster.member("m0").writesMoveOn = true;
        cluster.member("m2").revision = 51;

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).isEqualTo("hash 42 at revision 50 on 3 member(s)");
    }

    @Test
    void comparesOnlyWhenCompactionIsCommonToo() {
        FakeCluster cluster = FakeCluster.healthy(3);
        cluster.member("m0").compactRevision = 40;
        cluster.member("m1").hash = 99;

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.observed()).startsWith("no common revision and compaction: m0@50/compact 40")
                .endsWith("(after 3 attempt(s))");
    }

    @Test
    void isAnErrorWhenAnAnsweringMemberGivesNoHash() {
        FakeCluster cluster = FakeCluster.healthy(3);
        cluster.member("m1").hashError = "TIMEOUT etcd m1 hashKV: no answer within PT1S";

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.observed()).isEqualTo("m1 gave no hash: TIMEOUT etcd m1 hashKV: no answer within PT1S"
                + " (after 3 attempt(s))");
        assertThat(result.evidence()).containsEntry("m1", "no hash: TIMEOUT etcd m1 hashKV: no answer within PT1S");
    }

    @Test
    void hashesOnlyTheAnsweringMembers() {
        FakeCluster cluster = FakeCluster.healthy(3).silent("m1");

        CheckResult result = check.run(Contexts.of(cluster));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).containsOnlyKeys("m0", "m2");
    }
}
