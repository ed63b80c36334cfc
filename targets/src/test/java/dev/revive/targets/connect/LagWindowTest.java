package dev.revive.targets.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.targets.connect.LagWindow.Offsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window of sampled committed and end offsets the probe evaluates with Burrow's rules. */
class LagWindowTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String P0 = "collected-0 of connect-sink";
    private static final String P1 = "collected-1 of connect-sink";

    @Test
    void aGroupWhoseOffsetStaysWhileTheTopicGrowsIsStalledAndOneThatFollowsIsOk() {
        LagWindow window = new LagWindow();
        for (int i = 0; i < 5; i++) {
            window.add(Map.of(P0, new Offsets(100, 100 + 20L * (i + 1)), P1, new Offsets(100L + 20 * i, 100L + 20 * i)),
                    T0.plusSeconds(i));
        }

        assertThat(window.evaluate(T0.plusSeconds(4))).containsEntry(P0, BurrowLag.Status.STALL)
                .containsEntry(P1, BurrowLag.Status.OK);
        assertThat(window.describe(T0.plusSeconds(4))).hasValue("lag STALL on " + P0);
    }

    @Test
    void aWindowWhereEveryPartitionFollowsSaysOk() {
        LagWindow window = new LagWindow();
        window.add(Map.of(P0, new Offsets(10, 12)), T0);
        window.add(Map.of(P0, new Offsets(30, 31)), T0.plusSeconds(1));

        assertThat(window.describe(T0.plusSeconds(1))).hasValue("lag OK on 1 partition(s)");
    }

    @Test
    void noSampleNoDescription() {
        assertThat(new LagWindow().describe(T0)).isEmpty();
    }

    @Test
    void theWindowKeepsTheLastSpanOnlySoAnOldRewindIsForgotten() {
        LagWindow window = new LagWindow();
        window.add(Map.of(P0, new Offsets(300, 310)), T0);
        window.add(Map.of(P0, new Offsets(100, 110)), T0.plusSeconds(1));
        assertThat(window.evaluate(T0.plusSeconds(1))).containsEntry(P0, BurrowLag.Status.REWIND);

        long last = LagWindow.SPAN.toSeconds() + 1;
        for (int i = 2; i <= last; i++) {
            window.add(Map.of(P0, new Offsets(100L + i, 110L + i)), T0.plusSeconds(i));
        }

        assertThat(window.evaluate(T0.plusSeconds(last))).containsEntry(P0, BurrowLag.Status.OK);
    }

    @Test
    void manySamplesInOneSpanAreCapped() {
        LagWindow window = new LagWindow();
        for (int i = 0; i < 10 * LagWindow.MAX_SAMPLES; i++) {
            window.add(Map.of(P0, new Offsets(100, 100L + i)), T0.plusMillis(i));
        }

        assertThat(window.size(P0)).isEqualTo(LagWindow.MAX_SAMPLES);
    }

    @Test
    void aPartitionNoLongerSampledLeavesTheWindow() {
        LagWindow window = new LagWindow();
        window.add(Map.of(P0, new Offsets(1, 5), P1, new Offsets(1, 5)), T0);

        window.add(Map.of(P1, new Offsets(5, 5)), T0.plusSeconds(1));

        assertThat(window.evaluate(T0.plusSeconds(1))).containsOnlyKeys(P1);
    }
}
