package dev.revive.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.executor.plan.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the executor loop counts as dead for {@code /q/health/live}. */
class LoopHeartbeatTest {

    private static final Duration STALL = Duration.ofMinutes(3);

    @Test
    void loopThatBeatWithinTheBoundIsLive() {
        LoopHeartbeat heartbeat = new LoopHeartbeat();

        heartbeat.beat(Fixtures.T0);

        assertThat(heartbeat.isLive(Fixtures.T0.plus(STALL), STALL)).isTrue();
    }

    @Test
    void loopThatHasNotIteratedForLongerThanTheBoundIsDead() {
        LoopHeartbeat heartbeat = new LoopHeartbeat();

        heartbeat.beat(Fixtures.T0);

        assertThat(heartbeat.isLive(Fixtures.T0.plus(STALL).plusSeconds(1), STALL)).isFalse();
    }

    @Test
    void loopThatEndedForGoodIsDeadAtOnce() {
        LoopHeartbeat heartbeat = new LoopHeartbeat();
        heartbeat.beat(Fixtures.T0);

        heartbeat.end();

        assertThat(heartbeat.isLive(Fixtures.T0, STALL)).isFalse();
    }

    @Test
    void loopThatNeverIteratedIsNotLive() {
        assertThat(new LoopHeartbeat().isLive(Fixtures.T0, STALL)).isFalse();
    }
}
