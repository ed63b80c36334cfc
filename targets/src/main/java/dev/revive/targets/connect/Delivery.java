package dev.revive.targets.connect;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What reached a topic of the lines a file source offered, and what reached a sink of that. A FileStreamSource reads
 * its file in order, so what it delivered is the file's beginning: a line that is not in the topic although a later
 * line is, is missing; the lines after the last delivered one are still in flight (the file grows while it is
 * counted), not lost. A value found more often than the file holds it is a duplicate (at-least-once: a killed
 * worker's uncommitted lines are sent again), which is no loss. The same walk tells what a sink has of what reached
 * the topic. The tail in flight is bounded: past {@link #IN_FLIGHT} of the collector's recent rate (and the
 * tolerance), it is counted as missing, so that a sink that lost everything, or a source that stopped, is not
 * "in flight" forever.
 *
 * @param offered    the lines in the file
 * @param delivered  the lines found in the topic (each value at most as often as the file holds it)
 * @param missing    lines not in the topic though a later line is
 * @param inFlight   lines after the last one delivered
 * @param duplicates records beyond the lines they carry (sent again, or from elsewhere)
 * @param records    the records read
 * @param byValue    false when the topic was too big to read and only offsets were counted (no duplicates known)
 */
record Delivery(long offered, long delivered, long missing, long inFlight, long duplicates, long records,
        boolean byValue, BitSet deliveredLines) {

    /** How long a line may take from one stage to the next and still count as in flight. */
    static final java.time.Duration IN_FLIGHT = java.time.Duration.ofSeconds(2);

    /**
     * How many lines may be in flight: {@code tolerance} of those offered plus what the collector carries in
     * {@link #IN_FLIGHT} at {@code recordsPerSecond}.
     */
    static long inFlightAllowance(long offered, double tolerance, double recordsPerSecond) {
        return (long) Math.ceil(tolerance * offered + recordsPerSecond * IN_FLIGHT.toMillis() / 1000.0);
    }

    /** The walk of {@code lines} (the file, in order) over {@code values} (the topic's values by count). */
    static Delivery of(List<String> lines, Map<String, Long> values) {
        Map<String, Long> left = new HashMap<>(values);
        BitSet delivered = new BitSet(lines.size());
        for (int index = 0; index < lines.size(); index++) {
            Long count = left.get(lines.get(index));
            if (count != null && count > 0) {
                left.put(lines.get(index), count - 1);
                delivered.set(index);
            }
        }
        int last = delivered.length() - 1;
        long found = delivered.cardinality();
        long records = values.values().stream().mapToLong(Long::longValue).sum();
        return new Delivery(lines.size(), found, (last + 1) - found, lines.size() - (last + 1), records - found,
                records, true, delivered);
    }

    /** A count by offsets only: {@code records} in the topic for {@code lines} in the file. */
    static Delivery byOffsets(long lines, long records) {
        return new Delivery(lines, Math.min(lines, records), 0, Math.max(0, lines - records), 0, records, false,
                new BitSet());
    }

    /**
     * True when the lines missing are at most {@code tolerance} of those offered and the tail in flight is within
     * {@link #inFlightAllowance} at {@code recordsPerSecond}.
     */
    boolean lossWithin(double tolerance, double recordsPerSecond) {
        return missing <= tolerance * offered && inFlight <= inFlightAllowance(offered, tolerance, recordsPerSecond);
    }

    /**
     * Of the lines that reached the topic, how many {@code sink} (the sink file's distinct lines) lacks though it has
     * a later one, plus the tail after the last one it has beyond the in-flight allowance.
     */
    long missingInSink(List<String> lines, Set<String> sink, double tolerance, double recordsPerSecond) {
        int last = -1;
        for (int index = lines.size() - 1; index >= 0 && last < 0; index--) {
            if (deliveredLines.get(index) && sink.contains(lines.get(index))) {
                last = index;
            }
        }
        long missing = 0;
        long tail = 0;
        for (int index = deliveredLines.nextSetBit(0); index >= 0; index = deliveredLines.nextSetBit(index + 1)) {
            if (index > last) {
                tail++;
            } else if (!sink.contains(lines.get(index))) {
                missing++;
            }
        }
        long allowance = inFlightAllowance(delivered, tolerance, recordsPerSecond);
        return missing + Math.max(0, tail - allowance);
    }

    /** The evidence line of the topic. */
    String describe(String topic) {
        return byValue
                ? records + " record(s) in " + topic + ": " + delivered + " of the lines, " + missing + " missing, "
                        + inFlight + " in flight, " + duplicates + " duplicate(s)"
                : records + " record(s) in " + topic + " (counted by offsets: too big to read for duplicates)";
    }
}
