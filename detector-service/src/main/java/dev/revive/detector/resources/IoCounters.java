package dev.revive.detector.resources;

import java.util.OptionalDouble;

/**
 * The I/O counters of one block device ({@code /proc/diskstats}).
 *
 * @param device    {@code major:minor}
 * @param name      the kernel's name of it ({@code vda}, {@code sda1}, {@code dm-0})
 * @param completed reads + writes completed
 * @param millis    milliseconds spent on reads + writes
 */
public record IoCounters(String device, String name, long completed, long millis) {

    /**
     * The mean latency of the I/Os completed since {@code earlier}, in ms; empty when none completed (or the
     * counters went backwards).
     */
    public OptionalDouble latencyMillisSince(IoCounters earlier) {
        long ios = completed - earlier.completed;
        long spent = millis - earlier.millis;
        if (ios <= 0 || spent < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) spent / ios);
    }
}
