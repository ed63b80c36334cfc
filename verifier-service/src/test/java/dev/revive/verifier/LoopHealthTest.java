package dev.revive.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.state.IllegalTransitionException;
import dev.revive.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoopHealthTest {

    private static final Duration STALL = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-14T09:26:53Z"));
    private final LoopHealth health = new LoopHealth(clock, STALL);

    @Test
    void runningLoopThatBeatsIsReadyAndLive() {
        health.moveTo(LoopState.RUNNING);

        clock.advance(STALL);
        health.beat();
        clock.advance(STALL);

        assertThat(health.isReady()).isTrue();
        assertThat(health.isLive()).isTrue();
    }

    @Test
    void loopWithoutABeatPastTheStallBoundIsNotLive() {
        health.moveTo(LoopState.RUNNING);

        clock.advance(STALL.plusSeconds(1));

        assertThat(health.isLive()).isFalse();
    }

    @Test
    void rebuildingLoopIsLiveButNotReady() {
        health.moveTo(LoopState.RUNNING);

        health.moveTo(LoopState.REBUILDING);

        assertThat(health.isReady()).isFalse();
        assertThat(health.isLive()).isTrue();
    }

    @Test
    void deadLoopIsNeitherLiveNorReadyAndStaysDead() {
        health.moveTo(LoopState.DEAD);

        assertThat(health.isLive()).isFalse();
        assertThat(health.isReady()).isFalse();
        assertThatThrownBy(() -> health.moveTo(LoopState.STARTING)).isInstanceOf(IllegalTransitionException.class);
    }
}
