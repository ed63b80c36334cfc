package dev.revive.targets.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sentinel's order of replicas to promote: priority, then offset, then run id; priority 0 never. */
class PromotionCandidateTest {

    @Test
    void theLowestPriorityWinsOverAHigherOffset() {
        PromotionCandidate low = new PromotionCandidate("r1", 10, 100, "b");
        PromotionCandidate ahead = new PromotionCandidate("r2", 100, 900, "a");

        assertThat(PromotionCandidate.best(List.of(ahead, low))).contains(low);
    }

    @Test
    void amongEqualPrioritiesTheHighestOffsetWins() {
        PromotionCandidate behind = new PromotionCandidate("r1", 100, 100, "a");
        PromotionCandidate ahead = new PromotionCandidate("r2", 100, 900, "b");

        assertThat(PromotionCandidate.best(List.of(behind, ahead))).contains(ahead);
    }

    @Test
    void amongEqualOffsetsTheSmallestRunIdWinsAndAnUnknownOneComesLast() {
        PromotionCandidate larger = new PromotionCandidate("r1", 100, 500, "f00");
        PromotionCandidate smaller = new PromotionCandidate("r2", 100, 500, "a00");
        PromotionCandidate unknown = new PromotionCandidate("r3", 100, 500, null);

        assertThat(PromotionCandidate.best(List.of(unknown, larger, smaller))).contains(smaller);
        assertThat(PromotionCandidate.best(List.of(unknown, larger))).contains(larger);
    }

    @Test
    void aReplicaWithPriorityZeroIsNeverChosen() {
        PromotionCandidate never = new PromotionCandidate("r1", 0, 900, "a");
        PromotionCandidate other = new PromotionCandidate("r2", 100, 100, "b");

        assertThat(PromotionCandidate.best(List.of(never, other))).contains(other);
        assertThat(PromotionCandidate.best(List.of(never))).isEmpty();
    }

    @Test
    void theBoundIsTheLastKnownOffsetMinusTheChosenOneNeverBelowZeroAndUnknownWithoutAPosition() {
        assertThat(PromotionRecord.bound(1_000L, 880)).isEqualTo(120);
        assertThat(PromotionRecord.bound(800L, 880)).isZero();
        assertThat(PromotionRecord.bound(null, 880)).isNull();
    }
}
