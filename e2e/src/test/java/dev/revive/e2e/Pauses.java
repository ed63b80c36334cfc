package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.testkit.Signals;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A process hung on purpose: SIGSTOP, then SIGCONT after a while (the scenarios' "short pause"). */
final class Pauses {

    private Pauses() {
    }

    /** Stops process {@code pid} with SIGSTOP and returns once it was resumed with SIGCONT after {@code pause}. */
    static void pauseFor(long pid, Duration pause) throws InterruptedException {
        ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThat(Signals.send(pid, "STOP")).isTrue();
            resumer.schedule(() -> Signals.send(pid, "CONT"), pause.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            resumer.shutdown();
            if (!resumer.awaitTermination(pause.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                Signals.send(pid, "CONT");
            }
        }
    }
}
