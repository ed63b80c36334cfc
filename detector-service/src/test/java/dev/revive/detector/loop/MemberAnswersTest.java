package dev.revive.detector.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemberAnswersTest {

    @Test
    void othersNotAnsweringAreThoseWhoseLatestProbeFailedOrThatWereNeverProbed() {
        MemberAnswers answers = new MemberAnswers(List.of("m1", "m2", "m3"));
        answers.record("m1", false);
        answers.record("m2", true);

        assertThat(answers.othersNotAnswering("m1")).containsExactly("m3");

        answers.record("m3", true);
        assertThat(answers.othersNotAnswering("m1")).isEmpty();

        answers.record("m2", false);
        assertThat(answers.othersNotAnswering("m1")).containsExactly("m2");
        assertThat(answers.othersNotAnswering("m2")).containsExactly("m1");
    }
}
