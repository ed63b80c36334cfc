package dev.revive.detector.resources;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * A threshold on a measured value that must be held for a duration ({@link Sustained}), remembering the samples
 * of the window it has been held (the last {@link #MAX_SAMPLES}) as the evidence of the finding it fires.
 * A ceiling is exceeded by a value above it, a floor by a value below it; a sample without a value clears it.
 */
public final class HeldSeries {

    /** The most samples kept of one held window. */
    public static final int MAX_SAMPLES = 20;

    private final long limit;
    private final boolean floor;
    private final Sustained sustained;
    private final Deque<Point> window = new ArrayDeque<>();

    private HeldSeries(long limit, boolean floor, Duration holdFor) {
        this.limit = limit;
        this.floor = floor;
        this.sustained = new Sustained(holdFor);
    }

    /** A threshold exceeded by values above {@code limit}. */
    public static HeldSeries above(long limit, Duration holdFor) {
        return new HeldSeries(limit, false, holdFor);
    }

    /** A threshold exceeded by values below {@code limit}. */
    public static HeldSeries below(long limit, Duration holdFor) {
        return new HeldSeries(limit, true, holdFor);
    }

    /** Feeds one sample; returns the held window when this sample fires the threshold. */
    public Optional<Held> update(OptionalDouble value, Instant at) {
        if (value.isEmpty() || !exceeded(value.getAsDouble())) {
            clear();
            return Optional.empty();
        }
        window.addLast(new Point(at, value.getAsDouble()));
        if (window.size() > MAX_SAMPLES) {
            window.removeFirst();
        }
        return sustained.update(true, at).map(heldFor -> new Held(limit, heldFor, List.copyOf(window)));
    }

    /** Forgets the held window (the process went away, or nothing could be measured). */
    public void clear() {
        sustained.clear();
        window.clear();
    }

    private boolean exceeded(double value) {
        return floor ? value < limit : value > limit;
    }

    /** One measured value. */
    public record Point(Instant at, double value) {
    }

    /**
     * A threshold held for its duration.
     *
     * @param limit   the threshold
     * @param heldFor how long it has been held
     * @param series  the samples of the held window, oldest first (at most {@link #MAX_SAMPLES})
     */
    public record Held(long limit, Duration heldFor, List<Point> series) {

        /** The latest value. */
        public double value() {
            return series.get(series.size() - 1).value();
        }

        /** The series as evidence text: {@code <instant>=<value>} pairs, comma-separated, values to one decimal. */
        public String seriesText() {
            return series.stream().map(point -> point.at() + "=" + String.format(Locale.ROOT, "%.1f", point.value()))
                    .collect(Collectors.joining(","));
        }
    }
}
