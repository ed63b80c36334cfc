package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import org.junit.jupiter.api.Test;

class KeysMatchTest {

    private final FakeCluster cluster = FakeCluster.healthy(3);
    private final KeysMatch check = new KeysMatch();

    @Test
    void equalKeysPassWithTheSampleSize() {
        // given
        everyMember("a", "1", 10);
        everyMember("b", "2", 11);

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).isEqualTo("2 sampled key(s) equal on 3 member(s) at revision 50");
        assertThat(result.evidence()).containsEntry("sample", "2 key(s) in 1 window(s) at revision 50");
    }

    @Test
    void aDifferentValueOrAMissingKeyFailsNamingTheFirstKeys() {
        // given: m1 holds another value for b, m2 lacks c
        everyMember("a", "1", 10);
        everyMember("b", "2", 11);
        everyMember("c", "3", 12);
        cluster.member("m1").put("b", "other", 11);
        cluster.member("m2").keys.remove(cluster.member("m0").keys.lastKey());

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("2 of the sampled key(s) differ at revision 50: b, c");
        assertThat(result.evidence().get("key c")).endsWith("m2: missing");
    }

    @Test
    void comparesAtTheLowestRevisionOfTheAnsweringMembers() {
        // given: m2 lags behind; a read above its revision would fail there
        everyMember("a", "1", 10);
        cluster.member("m2").revision = 40;

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).endsWith("at revision 40");
    }

    @Test
    void aLargeKeyspaceIsSampledInWindowsSpreadOverIt() {
        // given: 5000 keys, one differing near the end of the keyspace, inside the last window
        for (int i = 0; i < 5000; i++) {
            everyMember(String.format("k%05d", i), "v", 10);
        }
        cluster.member("m1").put("k04500", "other", 10);

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.evidence()).containsEntry("sample", "1000 key(s) in 10 window(s) at revision 50");
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).endsWith(": k04500");
    }

    @Test
    void aReadThatKeepsFailingIsAnError() {
        // given
        cluster.member("m1").rangeError = "TIMEOUT etcd m1 range: no answer";

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.observed()).startsWith("m1 gave no keys: TIMEOUT").endsWith("(after 3 attempt(s))");
    }

    private void everyMember(String key, String value, long modRevision) {
        cluster.members().forEach(member -> cluster.member(member.nodeId()).put(key, value, modRevision));
    }
}
