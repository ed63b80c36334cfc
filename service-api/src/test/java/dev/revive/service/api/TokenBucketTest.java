package dev.revive.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));

    @Test
    void allowsTheBurstThenSaysHowLongToWait() {
        // given a bucket of 3 refilled at 2 a second
        TokenBucket bucket = new TokenBucket(clock, 2, 3);

        // when 4 requests come at once
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.tryTake()).isZero();
        }
        Duration wait = bucket.tryTake();

        // then the 4th has to wait for the next token: half a second
        assertThat(wait).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refillsAtTheRateUpToTheBurst() {
        // given an empty bucket of 2 refilled at 1 a second
        TokenBucket bucket = new TokenBucket(clock, 1, 2);
        bucket.tryTake();
        bucket.tryTake();
        assertThat(bucket.isFull()).isFalse();

        // when a second passes, one request goes through and the next waits
        clock.advance(Duration.ofSeconds(1));
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isPositive();

        // then after a long pause it is full again, but holds no more than the burst
        clock.advance(Duration.ofHours(1));
        assertThat(bucket.isFull()).isTrue();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isPositive();
    }

    @Test
    void refusesALimitThatIsNotPositive() {
        assertThatThrownBy(() -> new TokenBucket(clock, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(clock, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachClientHasItsOwnBucket() {
        // given a limiter of one request per client at once
        ClientRateLimiter limiter = new ClientRateLimiter(clock, 1, 1, 2);

        // when one client spends its request
        assertThat(limiter.tryTake("10.0.0.1")).isZero();

        // then it waits, while other clients are still served, beyond the number of clients remembered
        assertThat(limiter.tryTake("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(limiter.tryTake("10.0.0.2")).isZero();
        assertThat(limiter.tryTake("10.0.0.3")).isZero();
        assertThat(limiter.tryTake("10.0.0.1")).isPositive();
    }
}
