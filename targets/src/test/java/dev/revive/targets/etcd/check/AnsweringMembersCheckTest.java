package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the checks that judge the answering members share: silent members are left out, and all silent is ERROR. */
class AnsweringMembersCheckTest {

    static Stream<Named<AnsweringMembersCheck>> checks() {
        return Stream.of(new SingleLeader(), new AppliedIndexClose(), new HashKvEqual())
                .map(check -> Named.of(check.name(), check));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void couldNotRunWhenNoMemberAnswers(AnsweringMembersCheck check) {
        // given
        FakeCluster cluster = FakeCluster.healthy(3).silent("m0").silent("m1").silent("m2");

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.name()).isEqualTo(check.name());
        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.observed()).isEqualTo("no member answered");
        assertThat(result.expected()).isEqualTo(check.expected(Contexts.of(cluster)));
        assertThat(result.evidence()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void judgesOnlyTheAnsweringMembers(AnsweringMembersCheck check) {
        // given: a follower is silent
        FakeCluster cluster = FakeCluster.healthy(3).silent("m2");

        // when
        CheckResult result = check.run(Contexts.of(cluster));

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).containsOnlyKeys("m0", "m1");
    }
}
