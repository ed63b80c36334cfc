package dev.revive.targets.redis;

import dev.revive.targets.action.Polling;
import dev.revive.targets.action.StepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The deadline of one attempt of a step (its start plus the step's timeout) and the bounded waits within it: every
 * wait of a Redis action ends when its condition holds or the deadline passes, whichever comes first.
 */
final class StepClock {

    /** The shortest pause a step asks of a node, so that a pause set just before the deadline still means something. */
    private static final Duration SHORTEST = Duration.ofMillis(100);

    private final Polling polling;
    private final Instant start;
    private final Instant deadline;

    private StepClock(Polling polling, Instant start, Duration timeout) {
        this.polling = polling;
        this.start = start;
        this.deadline = start.plus(timeout);
    }

    /** Starts the clock of {@code context}'s attempt now. */
    static StepClock start(Polling polling, StepContext context) {
        return new StepClock(polling, polling.clock().instant(), context.timeout());
    }

    /** The time left until the deadline, at least 100 ms. */
    Duration remaining() {
        Duration left = Duration.between(polling.clock().instant(), deadline);
        return left.compareTo(SHORTEST) < 0 ? SHORTEST : left;
    }

    /** When the remaining time ends, for records. */
    Instant deadline() {
        return deadline;
    }

    /** Milliseconds since the attempt began. */
    long elapsedMillis() {
        return Duration.between(start, polling.clock().instant()).toMillis();
    }

    /**
     * Polls {@code notYet} every {@link Polling#interval} until it answers null (the condition holds) or the deadline
     * passes: empty when it held, else what the last poll saw.
     */
    Optional<String> await(Supplier<String> notYet) throws InterruptedException {
        while (true) {
            String seen = notYet.get();
            if (seen == null) {
                return Optional.empty();
            }
            if (!polling.clock().instant().isBefore(deadline)) {
                return Optional.of(seen);
            }
            polling.pacer().pause(polling.interval());
        }
    }
}
