package dev.revive.detector.resources;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One sample of a node's resources.
 *
 * @param at          when it was taken
 * @param process     the node's process, or null when it does not run (or could not be read)
 * @param dataDir     the node's data directory
 * @param diskPercent use of the data directory's file system, in %, if it could be read
 */
public record ResourceSample(Instant at, ProcessSample process, String dataDir, OptionalDouble diskPercent) {

    public ResourceSample {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(diskPercent, "diskPercent");
    }
}
