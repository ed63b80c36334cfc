package dev.revive.detector.resources;

import java.util.OptionalDouble;

/**
 * The TCP segment counters of one network namespace ({@code Tcp:} lines of {@code /proc/<pid>/net/snmp}).
 *
 * @param outSegs     segments sent
 * @param retransSegs segments retransmitted
 */
public record TcpCounters(long outSegs, long retransSegs) {

    /**
     * Segments retransmitted in % of those sent since {@code earlier}; empty when none were sent (or the
     * counters went backwards: another namespace).
     */
    public OptionalDouble retransmitPercentSince(TcpCounters earlier) {
        long sent = outSegs - earlier.outSegs;
        long retransmitted = retransSegs - earlier.retransSegs;
        if (sent <= 0 || retransmitted < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(100.0 * retransmitted / sent);
    }
}
