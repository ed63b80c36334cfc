package dev.revive.targets.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.targets.connect.CollectionRate.Counts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arithmetic of a worker's success rate: records delivered over lines offered since the previous measure. */
class CollectionRateTest {

    @Test
    void everyOfferedLineDeliveredIsAHundredPercent() {
        assertThat(CollectionRate.rate(Map.of("src", new Counts(100, 90)), Map.of("src", new Counts(140, 130))))
                .hasValue(100.0);
    }

    @Test
    void aFifthOfTheOfferedLinesDeliveredIsTwentyPercent() {
        assertThat(CollectionRate.rate(Map.of("src", new Counts(100, 100)), Map.of("src", new Counts(150, 110))))
                .hasValue(20.0);
    }

    @Test
    void sourcesOfTheWorkerAddUp() {
        Map<String, Counts> before = Map.of("a", new Counts(0, 0), "b", new Counts(0, 0));
        Map<String, Counts> now = Map.of("a", new Counts(30, 30), "b", new Counts(10, 0));

        assertThat(CollectionRate.rate(before, now)).hasValue(75.0);
    }

    @Test
    void noNewLineGivesNoValue() {
        assertThat(CollectionRate.rate(Map.of("src", new Counts(100, 90)), Map.of("src", new Counts(100, 100))))
                .isEmpty();
        assertThat(CollectionRate.rate(Map.of(), Map.of())).isEmpty();
    }

    @Test
    void aSourceCatchingUpCountsAsAHundredPercentNotMore() {
        assertThat(CollectionRate.rate(Map.of("src", new Counts(100, 0)), Map.of("src", new Counts(110, 100))))
                .hasValue(100.0);
    }

    @Test
    void aSourceNewToTheWorkerOrWhoseFileShrankIsLeftOut() {
        Map<String, Counts> before = Map.of("kept", new Counts(10, 10), "shrunk", new Counts(500, 500));
        Map<String, Counts> now = Map.of("kept", new Counts(20, 15), "shrunk", new Counts(5, 500),
                "moved-here", new Counts(1_000, 0));

        assertThat(CollectionRate.rate(before, now)).hasValue(50.0);
    }

    @Test
    void linesAreTheCompleteLinesOfTheFileAndNoneWhenItIsMissing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("in.txt");
        assertThat(CollectionRate.lines(file)).isZero();

        Files.writeString(file, "line-1\nline-2\nline-3 still being writ", StandardCharsets.UTF_8);

        assertThat(CollectionRate.lines(file)).isEqualTo(2);
    }
}
