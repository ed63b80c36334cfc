package dev.revive.detector.resources;

/**
 * What {@code /proc} says about one process at one moment.
 *
 * @param pid       the process
 * @param cpuTicks  user + system CPU time so far, in clock ticks
 * @param rssBytes  resident memory
 * @param openFds   open file descriptors
 * @param fdLimit   the soft limit of open files ({@link Long#MAX_VALUE} when unlimited)
 */
public record ProcessSample(long pid, long cpuTicks, long rssBytes, long openFds, long fdLimit) {
}
