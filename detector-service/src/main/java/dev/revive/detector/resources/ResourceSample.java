package dev.revive.detector.resources;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One sample of a node's resources.
 *
 * @param at                 when it was taken
 * @param process            the node's process, or null when it does not run (or could not be read)
 * @param dataDir            the node's data directory
 * @param diskPercent        use of the data directory's file system, in %, if it could be read
 * @param io                 the I/O counters of the block devices of its data and log directories
 * @param successRatePercent the node's collection success rate in %, if its kind measured one
 */
public record ResourceSample(Instant at, ProcessSample process, String dataDir, OptionalDouble diskPercent,
        List<IoCounters> io, OptionalDouble successRatePercent) {

    public ResourceSample {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(diskPercent, "diskPercent");
        io = List.copyOf(io);
        Objects.requireNonNull(successRatePercent, "successRatePercent");
    }

    /** A sample without device counters and success rate. */
    public ResourceSample(Instant at, ProcessSample process, String dataDir, OptionalDouble diskPercent) {
        this(at, process, dataDir, diskPercent, List.of(), OptionalDouble.empty());
    }
}
