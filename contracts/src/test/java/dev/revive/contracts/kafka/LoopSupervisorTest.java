package dev.revive.contracts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How the supervisor rebuilds a failing loop, stops, and gives up on an Error. */
class LoopSupervisorTest {

    private static final Duration BACKOFF = Duration.ofMillis(1);

    @Test
    void aLoopThatFailsIsRebuiltUntilOneEndsAndTheListenerHearsOfEachTurn() {
        AtomicInteger built = new AtomicInteger();
        List<String> heard = new CopyOnWriteArrayList<>();
        LoopSupervisor supervisor = new LoopSupervisor("test loop", () -> {
            int number = built.incrementAndGet();
            return loop(() -> {
                if (number <= 2) {
                    throw new IllegalStateException("outage " + number);
                }
            });
        }, BACKOFF, BACKOFF.multipliedBy(4), new CountDownLatch(1), listener(heard));

        supervisor.run();

        assertThat(built).hasValue(3);
        assertThat(supervisor.rebuilds()).isEqualTo(2);
        assertThat(heard).containsExactly("failed outage 1", "rebuilding", "failed outage 2", "rebuilding", "stopped");
    }

    @Test
    void aStopBeforeTheNextLoopEndsTheSupervisorWithoutBuildingOne() {
        AtomicInteger built = new AtomicInteger();
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        LoopSupervisor supervisor = new LoopSupervisor("test loop", () -> {
            built.incrementAndGet();
            return loop(() -> {
                stopped.countDown();
                throw new IllegalStateException("failed while stopping");
            });
        }, Duration.ofMinutes(1), Duration.ofMinutes(1), stopped, listener(heard));

        supervisor.run();

        assertThat(built).hasValue(1);
        assertThat(heard).containsExactly("failed failed while stopping", "stopped");
    }

    @Test
    void anErrorEndsTheSupervisorForGoodAndTheListenerHearsItDied() {
        List<String> heard = new CopyOnWriteArrayList<>();
        LoopSupervisor supervisor = new LoopSupervisor("test loop", () -> loop(() -> {
            throw new OutOfMemoryError("simulated");
        }), BACKOFF, BACKOFF, new CountDownLatch(1), listener(heard));

        assertThatThrownBy(supervisor::run).isInstanceOf(OutOfMemoryError.class);
        assertThat(heard).containsExactly("died simulated");
        assertThat(supervisor.rebuilds()).isZero();
    }

    private static LoopSupervisor.Loop loop(Runnable body) {
        return new LoopSupervisor.Loop() {
            @Override
            public void run() {
                body.run();
            }

            @Override
            public void stop() {
            }
        };
    }

    private static LoopSupervisor.Listener listener(List<String> heard) {
        return new LoopSupervisor.Listener() {
            @Override
            public boolean failed(RuntimeException failure) {
                heard.add("failed " + failure.getMessage());
                return false;
            }

            @Override
            public void rebuilding() {
                heard.add("rebuilding");
            }

            @Override
            public void stopped() {
                heard.add("stopped");
            }

            @Override
            public void died(Error error) {
                heard.add("died " + error.getMessage());
            }
        };
    }
}
