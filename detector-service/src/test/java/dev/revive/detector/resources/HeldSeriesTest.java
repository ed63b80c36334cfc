package dev.revive.detector.resources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.detector.resources.HeldSeries.Held;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class HeldSeriesTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void aCeilingHeldForItsDurationFiresOnceWithTheSamplesOfTheHeldWindow() {
        // given a ceiling of 20 to be held for 2 s
        HeldSeries ceiling = HeldSeries.above(20, Duration.ofSeconds(2));

        // when 10 (below), then 25, 30 and 35 are measured a second apart
        ceiling.update(OptionalDouble.of(10), T0);
        ceiling.update(OptionalDouble.of(25), T0.plusSeconds(1));
        ceiling.update(OptionalDouble.of(30), T0.plusSeconds(2));
        Held held = ceiling.update(OptionalDouble.of(35), T0.plusSeconds(3)).orElseThrow();

        // then it fires with the three samples above the ceiling, and not again while held
        assertThat(held.limit()).isEqualTo(20);
        assertThat(held.heldFor()).isEqualTo(Duration.ofSeconds(2));
        assertThat(held.value()).isEqualTo(35.0);
        assertThat(held.seriesText()).isEqualTo(
                "2026-11-30T10:00:01Z=25.0,2026-11-30T10:00:02Z=30.0,2026-11-30T10:00:03Z=35.0");
        assertThat(ceiling.update(OptionalDouble.of(40), T0.plusSeconds(4))).isEmpty();
    }

    @Test
    void aFloorIsExceededByValuesBelowItAndASampleWithoutValueClearsIt() {
        // given a floor of 95 to be held for 2 s
        HeldSeries floor = HeldSeries.below(95, Duration.ofSeconds(2));

        // when 90 is measured, then nothing, then 90 for two seconds
        floor.update(OptionalDouble.of(90), T0);
        floor.update(OptionalDouble.empty(), T0.plusSeconds(1));
        Optional<Held> tooSoon = floor.update(OptionalDouble.of(90), T0.plusSeconds(2));
        Optional<Held> held = floor.update(OptionalDouble.of(90), T0.plusSeconds(4));

        // then only the second run counts
        assertThat(tooSoon).isEmpty();
        assertThat(held).hasValueSatisfying(window -> assertThat(window.series()).hasSize(2));
        assertThat(floor.update(OptionalDouble.of(96), T0.plusSeconds(5))).isEmpty();
    }

    @Test
    void theSeriesKeepsTheLastTwentySamplesOfALongWindow() {
        // given a ceiling held for 30 s, sampled every second
        HeldSeries ceiling = HeldSeries.above(1, Duration.ofSeconds(30));
        Optional<Held> held = Optional.empty();
        for (int second = 0; second <= 30; second++) {
            held = ceiling.update(OptionalDouble.of(second + 2), T0.plusSeconds(second));
        }

        // then the series holds the last 20 samples, the newest last
        assertThat(held).hasValueSatisfying(window -> {
            assertThat(window.series()).hasSize(HeldSeries.MAX_SAMPLES);
            assertThat(window.series().get(0).at()).isEqualTo(T0.plusSeconds(11));
            assertThat(window.value()).isEqualTo(32.0);
            assertThat(window.heldFor()).isEqualTo(Duration.ofSeconds(30));
        });
    }
}
