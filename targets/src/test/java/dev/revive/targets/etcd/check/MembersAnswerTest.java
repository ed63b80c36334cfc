package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MembersAnswerTest {

    private final MembersAnswer check = new MembersAnswer();

    @ParameterizedTest(name = "silent [{0}]: {1}")
    @CsvSource(delimiter = '|', value = {
            "''         | PASS  | 3 of 3 members answer",
            "m2         | FAIL  | 2 of 3 members answer; silent: m2",
            "m0, m1, m2 | ERROR | 0 of 3 members answer; silent: m0, m1, m2"})
    void namesTheSilentMembersAndIsAnErrorWhenNoneAnswers(String silentNodes, CheckStatus status, String observed) {
        // given
        FakeCluster cluster = FakeCluster.healthy(3);
        List<String> silent = silentNodes.isBlank() ? List.of() : List.of(silentNodes.split(",\\s*"));
        silent.forEach(cluster::silent);

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(status);
        assertThat(result.observed()).isEqualTo(observed);
        assertThat(result.expected()).isEqualTo("3 of 3 members answer");
        assertThat(result.evidence()).containsOnlyKeys("m0", "m1", "m2").allSatisfy((nodeId, evidence) ->
                assertThat(evidence).startsWith(silent.contains(nodeId) ? "no answer: REFUSED"
                        : "raftIndex=100 term=2 revision=50"));
    }
}
