package dev.revive.detector.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SustainedTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private final Sustained threshold = new Sustained(Duration.ofSeconds(5));

    @Test
    void firesOnceWhenHeldForItsDurationAndAgainOnlyAfterClearing() {
        // when it is exceeded for four seconds, then five, then for longer
        boolean early = threshold.update(true, T0).isPresent() | threshold.update(true, T0.plusSeconds(4)).isPresent();
        Duration fired = threshold.update(true, T0.plusSeconds(5)).orElseThrow();
        boolean again = threshold.update(true, T0.plusSeconds(60)).isPresent();

        // then it fires once, saying for how long it was held
        assertThat(early).isFalse();
        assertThat(fired).isEqualTo(Duration.ofSeconds(5));
        assertThat(again).isFalse();

        // and when a sample below clears it, it needs its full duration again
        threshold.update(false, T0.plusSeconds(61));
        boolean tooSoon = threshold.update(true, T0.plusSeconds(62)).isPresent()
                | threshold.update(true, T0.plusSeconds(66)).isPresent();
        assertThat(tooSoon).isFalse();
        assertThat(threshold.update(true, T0.plusSeconds(67))).hasValue(Duration.ofSeconds(5));
    }

    @Test
    void aDipBelowRestartsTheCount() {
        // when it is exceeded, dips below once, and is exceeded again
        threshold.update(true, T0);
        threshold.update(false, T0.plusSeconds(3));
        threshold.update(true, T0.plusSeconds(4));

        // then five seconds after the first sample are not enough
        assertThat(threshold.update(true, T0.plusSeconds(6))).isEmpty();
        assertThat(threshold.update(true, T0.plusSeconds(9))).hasValue(Duration.ofSeconds(5));
    }
}
