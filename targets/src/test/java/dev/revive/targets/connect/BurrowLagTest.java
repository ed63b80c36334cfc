package dev.revive.targets.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.targets.connect.BurrowLag.Commit;
import dev.revive.targets.connect.BurrowLag.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BurrowLagTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    /**
     * A window of commits one second apart, written {@code offset/lag} separated by spaces; {@code now} is seconds
     * after the first commit.
     */
    @ParameterizedTest(name = "{0}: [{1}] lag now {2}, {3} s after the first commit -> {4}")
    @CsvSource(delimiter = '|', value = {
        "consuming and keeping up      | 10/5 20/4 30/6 40/3 50/2 | 2  | 5  | OK",
        "idle partition, no commits    | 50/0 50/0 50/0           | 0  | 60 | OK",
        "idle now, silent for long     | 10/5 20/3 30/1           | 0  | 60 | OK",
        "silent for longer than window | 10/5 20/5 30/5           | 9  | 10 | STOP",
        "caught up once in the window  | 10/3 20/0 25/4           | 4  | 3  | OK",
        "offset moved back             | 10/5 20/5 15/10          | 10 | 3  | REWIND",
        "commits continue, offset same | 10/5 10/6 10/7 10/8      | 8  | 4  | STALL",
        "offset same, lag steady       | 10/5 10/5 10/5           | 5  | 3  | STALL",
        "lag grows at every commit     | 10/5 20/6 30/8 40/11     | 11 | 4  | WARN",
        "lag grows, then shrinks once  | 10/5 20/6 30/5 40/11     | 11 | 4  | OK",
        "a single recent commit        | 10/5                     | 5  | 0  | OK",
    })
    void followsBurrowsRules(String situation, String commits, long lagNow, long nowSeconds, Status expected) {
        assertThat(BurrowLag.evaluate(window(commits), lagNow, T0.plusSeconds(nowSeconds))).isEqualTo(expected);
    }

    @Test
    void anIdlePartitionIsNeverStoppedHoweverOldItsLastCommit() {
        List<Commit> old = window("100/0 100/0");

        assertThat(BurrowLag.evaluate(old, 0, T0.plusSeconds(3600))).isEqualTo(Status.OK);
        assertThat(BurrowLag.evaluate(old, 1, T0.plusSeconds(3600))).isEqualTo(Status.STOP);
    }

    @Test
    void anEmptyWindowIsRejected() {
        assertThatThrownBy(() -> BurrowLag.evaluate(List.of(), 1, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Commit> window(String commits) {
        List<Commit> window = new ArrayList<>();
        String[] parts = commits.trim().split("\\s+");
        for (int i = 0; i < parts.length; i++) {
            String[] pair = parts[i].split("/");
            window.add(new Commit(Long.parseLong(pair[0]), Long.parseLong(pair[1]), T0.plusSeconds(i)));
        }
        return window;
    }
}
