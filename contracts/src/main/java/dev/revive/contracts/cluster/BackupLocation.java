package dev.revive.contracts.cluster;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.revive.contracts.validation.Check;

/**
 * Where SNAPSHOT writes and RESTORE_SNAPSHOT reads backups of a cluster, and how many it keeps.
 *
 * @param directory an absolute directory on the executor's host
 * @param keep      how many snapshots of the cluster to keep; after a new one is written, older ones past this
 *                  count are deleted (absent or 0 means {@value #DEFAULT_KEEP})
 */
public record BackupLocation(String directory, @JsonSetter(nulls = Nulls.AS_EMPTY) int keep) {

    /** How many snapshots a cluster keeps when its spec does not say. */
    public static final int DEFAULT_KEEP = 10;

    public BackupLocation {
        Check.absolutePath("directory", directory);
        keep = keep == 0 ? DEFAULT_KEEP : keep;
        Check.between("keep", keep, 1, 10_000);
    }

    /** A location that keeps the default number of snapshots. */
    public BackupLocation(String directory) {
        this(directory, 0);
    }
}
