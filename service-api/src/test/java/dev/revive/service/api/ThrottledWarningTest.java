package dev.revive.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThrottledWarningTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final ThrottledWarning warning = new ThrottledWarning(clock, Duration.ofSeconds(10));

    @Test
    void logsTheFirstThenAtMostOncePerIntervalWithTheCountSuppressed() {
        // when the first one occurs it is logged, with nothing suppressed
        assertThat(warning.occurred()).isZero();

        // then the next ones within the interval are suppressed
        clock.advance(Duration.ofSeconds(1));
        assertThat(warning.occurred()).isEqualTo(-1);
        clock.advance(Duration.ofSeconds(8));
        assertThat(warning.occurred()).isEqualTo(-1);
        assertThat(warning.occurred()).isEqualTo(-1);

        // and the first one after the interval is logged with the 3 suppressed, which starts the count again
        clock.advance(Duration.ofSeconds(1));
        assertThat(warning.occurred()).isEqualTo(3);
        assertThat(warning.occurred()).isEqualTo(-1);
        clock.advance(Duration.ofSeconds(10));
        assertThat(warning.occurred()).isEqualTo(1);
    }
}
