package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppliedIndexCloseTest {

    private final AppliedIndexClose check = new AppliedIndexClose();

    @ParameterizedTest(name = "m1 at raft index {0} of 100, tolerance 10: {1}")
    @CsvSource(delimiter = '|', value = {
            "90 | PASS | largest lag 10 (raft index 90..100)",
            "89 | FAIL | largest lag 11 (raft index 89..100)"})
    void judgesTheLargestLagAgainstTheTolerance(long raftIndex, CheckStatus status, String observed) {
        // given
        FakeCluster cluster = FakeCluster.healthy(3);
        cluster.member("m1").raftIndex = raftIndex;

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(status);
        assertThat(result.observed()).isEqualTo(observed);
        assertThat(result.expected()).isEqualTo("lag at most 10");
        assertThat(result.evidence()).containsEntry("m0", "100").containsEntry("m1", Long.toString(raftIndex));
    }
}
