package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;

/**
 * Where SNAPSHOT writes and RESTORE_SNAPSHOT reads backups of a cluster.
 *
 * @param directory an absolute directory on the executor's host
 */
public record BackupLocation(String directory) {

    public BackupLocation {
        Check.absolutePath("directory", directory);
    }
}
