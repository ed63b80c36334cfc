package dev.revive.detector.resources;

/**
 * What {@code /proc} says about one process at one moment.
 *
 * @param pid              the process
 * @param cpuTicks         user + system CPU time so far, in clock ticks
 * @param rssBytes         resident memory
 * @param openFds          open file descriptors
 * @param fdLimit          the soft limit of open files ({@link Long#MAX_VALUE} when unlimited)
 * @param memoryLimitBytes the memory its resident size is measured against (the machine's, or its cgroup's limit
 *                         when lower); 0 when unknown
 * @param tcp              the TCP counters of its network namespace, or null when unreadable
 */
public record ProcessSample(long pid, long cpuTicks, long rssBytes, long openFds, long fdLimit, long memoryLimitBytes,
        TcpCounters tcp) {

    /** A sample without memory limit and TCP counters. */
    public ProcessSample(long pid, long cpuTicks, long rssBytes, long openFds, long fdLimit) {
        this(pid, cpuTicks, rssBytes, openFds, fdLimit, 0, null);
    }
}
