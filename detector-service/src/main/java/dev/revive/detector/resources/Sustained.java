package dev.revive.detector.resources;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One threshold that must be held for a duration: fed whether it is exceeded at each sample, it
 * fires once when it has been exceeded continuously for {@code holdFor}, and again only after a
 * sample below it has cleared it.
 */
public final class Sustained {

    private final Duration holdFor;
    private Instant since;
    private boolean fired;

    public Sustained(Duration holdFor) {
        this.holdFor = Objects.requireNonNull(holdFor, "holdFor");
    }

    /**
     * Feeds one sample.
     *
     * @return how long it has been held, when this sample fires it; empty otherwise
     */
    public Optional<Duration> update(boolean exceeded, Instant at) {
        if (!exceeded) {
            clear();
            return Optional.empty();
        }
        if (since == null) {
            since = at;
        }
        Duration held = Duration.between(since, at);
        if (fired || held.compareTo(holdFor) < 0) {
            return Optional.empty();
        }
        fired = true;
        return Optional.of(held);
    }

    /** Forgets the condition (the process went away, or a sample could not be taken). */
    public void clear() {
        since = null;
        fired = false;
    }
}
