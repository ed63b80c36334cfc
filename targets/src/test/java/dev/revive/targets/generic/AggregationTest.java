package dev.revive.targets.generic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.CheckSpec;
import dev.revive.contracts.cluster.CheckSpec.Aggregate;
import dev.revive.contracts.cluster.CheckSpec.Type;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.ProbeResult.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AggregationTest {

    private static final CheckSpec SERVING = check(Aggregate.EVERY_NODE, "leader|follower", null);
    private static final CheckSpec ONE_LEADER = check(Aggregate.EXACTLY_ONE, "leader", null);
    private static final CheckSpec CAUGHT_UP = check(Aggregate.CAUGHT_UP, null, 0L);
    /** As on a 3-server ZooKeeper ensemble: only the leader's {@code mntr} has a {@code zk_synced_followers} line. */
    private static final CheckSpec FOLLOWERS_SYNCED = check(Aggregate.EXACTLY_ONE, "zk_synced_followers", "2(\\.0+)?",
            null);

    @Test
    void everyNodeFailsAndNamesTheNodeThatAnswersOtherwise() {
        CheckResult result = Aggregation.of(SERVING, List.of(ok("z1", "leader"), ok("z2", "follower"),
                NodeAnswer.answered("z3", "looking", false)));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("2 of 3 nodes answer as expected; not: z3");
        assertThat(result.evidence()).containsEntry("z3", "unexpected: looking").containsEntry("z1", "leader");
    }

    @Test
    void exactlyOnePassesWithOneMatchingNodeAndEveryNodeAnswering() {
        CheckResult result = Aggregation.of(ONE_LEADER, List.of(ok("z1", "leader"),
                NodeAnswer.answered("z2", "follower", false), NodeAnswer.answered("z3", "follower", false)));

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).isEqualTo("1 node(s) match: z1");
    }

    @Test
    void exactlyOneFailsWhenANodeIsSilentOrTwoMatch() {
        CheckResult silent = Aggregation.of(ONE_LEADER, List.of(ok("z1", "leader"),
                NodeAnswer.answered("z2", "follower", false), NodeAnswer.failed("z3", Outcome.REFUSED, "refused")));
        CheckResult two = Aggregation.of(ONE_LEADER, List.of(ok("z1", "leader"), ok("z2", "leader")));

        assertThat(silent.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(silent.observed()).endsWith("silent: z3");
        assertThat(two.status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void exactlyOnePassesWhenTheOthersAnsweredWithoutTheField() {
        // given: the leader z2 reports both followers synced; the followers answer mntr without the line
        List<NodeAnswer> answers = List.of(withoutTheField("z1"), ok("z2", "2"), withoutTheField("z3"));

        // when
        CheckResult result = Aggregation.of(FOLLOWERS_SYNCED, answers);

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).isEqualTo("1 node(s) match: z2");
        assertThat(result.evidence()).containsEntry("z1", "FAILED: no field 'zk_synced_followers' in the answer");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Outcome.class, names = {"REFUSED", "TIMEOUT"})
    void exactlyOneWithTheOthersWithoutTheFieldFailsWhenANodeIsSilent(Outcome silence) {
        // given: z3 does not answer at all, unlike z1, which answered without the field
        List<NodeAnswer> answers = List.of(withoutTheField("z1"), ok("z2", "2"),
                NodeAnswer.failed("z3", silence, "no answer"));

        // when
        CheckResult result = Aggregation.of(FOLLOWERS_SYNCED, answers);

        // then
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).isEqualTo("1 node(s) match: z2; silent: z3");
    }

    @Test
    void caughtUpComparesHexAndDecimalNumbersWithinTheMaxLag() {
        CheckResult equal = Aggregation.of(CAUGHT_UP, List.of(ok("z1", "0x200000003"), ok("z2", "8589934595")));
        CheckResult behind = Aggregation.of(CAUGHT_UP, List.of(ok("z1", "0x200000003"), ok("z2", "0x0")));

        assertThat(equal.status()).isEqualTo(CheckStatus.PASS);
        assertThat(behind.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(behind.observed()).startsWith("largest lag 8589934595");
    }

    @Test
    void caughtUpFailsWhenANodeGivesNoNumber() {
        CheckResult result = Aggregation.of(CAUGHT_UP, List.of(ok("z1", "0x5"),
                NodeAnswer.failed("z2", Outcome.REFUSED, "refused")));

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.observed()).endsWith("no number from: z2");
    }

    @Test
    void aCheckNoNodeAnsweredCouldNotRun() {
        CheckResult result = Aggregation.of(SERVING, List.of(NodeAnswer.failed("z1", Outcome.REFUSED, "refused"),
                NodeAnswer.failed("z2", Outcome.TIMEOUT, "no answer")));

        assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
        assertThat(result.evidence()).containsEntry("z1", "REFUSED: refused");
    }

    @Test
    void fourLetterFieldsAreReadFromTabAndColonLines() {
        String mntr = "zk_version\t3.8.0\nzk_server_state\tfollower\n";
        String srvr = "Zookeeper version: 3.8.0\nZxid: 0x200000003\nMode: follower\n";

        assertThat(FourLetterAnswer.field(mntr, "zk_server_state")).contains("follower");
        assertThat(FourLetterAnswer.field(srvr, "Zxid")).contains("0x200000003");
        assertThat(FourLetterAnswer.field(srvr, "Zxid2")).isEmpty();
    }

    private static NodeAnswer ok(String nodeId, String value) {
        return NodeAnswer.answered(nodeId, value, true);
    }

    /** What a node's answer without the check's field becomes: it answered, but not in the declared form. */
    private static NodeAnswer withoutTheField(String nodeId) {
        return NodeAnswer.failed(nodeId, Outcome.FAILED, "no field 'zk_synced_followers' in the answer");
    }

    private static CheckSpec check(Aggregate aggregate, String expect, Long maxLag) {
        return check(aggregate, "zk_server_state", expect, maxLag);
    }

    private static CheckSpec check(Aggregate aggregate, String field, String expect, Long maxLag) {
        return new CheckSpec("c", Type.FOUR_LETTER, null, null, null, "mntr", field, expect, null, null, aggregate,
                maxLag, null);
    }
}
