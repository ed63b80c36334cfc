package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HashKvEqualTest {

    private final HashKvEqual check = new HashKvEqual();

    static Stream<Named<Consumer<FakeCluster>>> clustersWithOneHash() {
        return Stream.of(
                Contexts.change("a quiet cluster: compared at once", cluster -> { }),
                Contexts.change("members apart: hashed at the lowest revision",
                        cluster -> cluster.member("m0").revision = 53),
                Contexts.change("writes move on: hashed again at the lowest revision", cluster -> {
                    cluster.member("m0").writesMoveOn = true;
                    cluster.member("m2").revision = 51;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clustersWithOneHash")
    void passesWithOneHashAtOneCommonRevision(Consumer<FakeCluster> situation) {
        // given
        FakeCluster cluster = FakeCluster.healthy(3);
        situation.accept(cluster);

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).isEqualTo("hash 42 at revision 50 on 3 member(s)");
        assertThat(result.evidence()).containsEntry("m0", "hash=42 revision=50 compact=0")
                .containsEntry("m2", "hash=42 revision=50 compact=0");
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
}
