package dev.revive.detector.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.LogRule;
import dev.revive.contracts.fault.FaultKind;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RuleWindowTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private final RuleWindow window = new RuleWindow(
            new LogRule("timeouts", "(?i)timeout", FaultKind.LOG_ERROR, 3, Duration.ofSeconds(10)));

    @Test
    void firesOnTheNthMatchWithinTheWindow() {
        // when three matching lines arrive within ten seconds, with a line that does not match among them
        OptionalInt first = window.offer("read timeout", T0);
        OptionalInt other = window.offer("all fine", T0.plusSeconds(1));
        OptionalInt second = window.offer("TIMEOUT again", T0.plusSeconds(2));
        OptionalInt third = window.offer("timeout", T0.plusSeconds(9));

        // then the third match fires, with the count
        assertThat(first).isEmpty();
        assertThat(other).isEmpty();
        assertThat(second).isEmpty();
        assertThat(third).hasValue(3);
    }

    @Test
    void matchesOutsideTheWindowDoNotCount() {
        // when matches are spread wider than the window
        window.offer("timeout", T0);
        window.offer("timeout", T0.plusSeconds(6));
        OptionalInt third = window.offer("timeout", T0.plusSeconds(11));

        // then the rule does not fire: only two are within any ten seconds
        assertThat(third).isEmpty();
    }

    @Test
    void aBurstFiresOncePerWindow() {
        // given a rule that has fired
        window.offer("timeout", T0);
        window.offer("timeout", T0);
        assertThat(window.offer("timeout", T0)).isPresent();

        // when the burst goes on within the window, and again after it
        int firedWithin = 0;
        for (int i = 0; i < 50; i++) {
            firedWithin += window.offer("timeout", T0.plusMillis(100L * i)).isPresent() ? 1 : 0;
        }
        Instant later = T0.plusSeconds(10);
        window.offer("timeout", later);
        window.offer("timeout", later);
        OptionalInt next = window.offer("timeout", later.plusSeconds(1));

        // then it fires no more within the window, and once more after it
        assertThat(firedWithin).isZero();
        assertThat(next).hasValue(3);
    }
}
