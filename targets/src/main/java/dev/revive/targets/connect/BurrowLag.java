package dev.revive.targets.connect;

import java.time.Instant;
import java.util.List;

/**
 * Burrow's consumer-lag evaluation for one partition of a consumer group (a sink connector's {@code connect-<name>}
 * group), over a window of its committed offsets, oldest first. Pure; the caller samples. In Burrow's order:
 * <ol>
 *   <li>a partition whose current lag is 0 is OK, whatever the window holds: an idle partition is never stopped;</li>
 *   <li>STOP: the last commit is older than the window is long (now − last &gt; last − first): the consumer stopped
 *   committing while behind (a hung or dead collector);</li>
 *   <li>a window in which the lag was 0 at some sample is OK (the consumer caught up recently);</li>
 *   <li>REWIND: an offset moved back from one commit to the next;</li>
 *   <li>STALL: commits continue but the offset never moved while there is lag (the task is stuck on a record);</li>
 *   <li>WARN: the lag grew from every commit to the next (the consumer is slower than the producer);</li>
 *   <li>OK otherwise.</li>
 * </ol>
 */
public final class BurrowLag {

    /** What the window says about the partition. */
    public enum Status {
        /** Consuming, or nothing to consume. */
        OK,
        /** Consuming, but falling further behind at every commit. */
        WARN,
        /** Committing, but the offset does not move while lag waits. */
        STALL,
        /** No commit for longer than the window while lag waits. */
        STOP,
        /** The committed offset moved backwards. */
        REWIND
    }

    /**
     * One committed offset of the partition.
     *
     * @param offset the committed offset
     * @param lag    the partition's end offset minus {@code offset} when it was committed
     * @param at     when it was committed
     */
    public record Commit(long offset, long lag, Instant at) {
    }

    private BurrowLag() {
    }

    /**
     * The status of a partition whose commits in the window are {@code window} (oldest first, at least one), whose
     * lag is {@code currentLag} now ({@code now}).
     */
    public static Status evaluate(List<Commit> window, long currentLag, Instant now) {
        if (window.isEmpty()) {
            throw new IllegalArgumentException("Burrow's rules need at least one commit in the window");
        }
        if (currentLag <= 0) {
            return Status.OK;
        }
        if (stopped(window, now)) {
            return Status.STOP;
        }
        if (window.stream().anyMatch(commit -> commit.lag() == 0)) {
            return Status.OK;
        }
        if (rewound(window)) {
            return Status.REWIND;
        }
        if (window.size() > 1 && window.stream().allMatch(commit -> commit.offset() == window.get(0).offset())) {
            return Status.STALL;
        }
        if (window.size() > 1 && lagAlwaysGrew(window)) {
            return Status.WARN;
        }
        return Status.OK;
    }

    private static boolean stopped(List<Commit> window, Instant now) {
        Instant first = window.get(0).at();
        Instant last = window.get(window.size() - 1).at();
        return now.toEpochMilli() - last.toEpochMilli() > last.toEpochMilli() - first.toEpochMilli();
    }

    private static boolean rewound(List<Commit> window) {
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).offset() < window.get(i - 1).offset()) {
                return true;
            }
        }
        return false;
    }

    private static boolean lagAlwaysGrew(List<Commit> window) {
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).lag() <= window.get(i - 1).lag()) {
                return false;
            }
        }
        return true;
    }
}
