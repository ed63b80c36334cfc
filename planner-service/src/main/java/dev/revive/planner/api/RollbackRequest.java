package dev.revive.planner.api;

import dev.revive.contracts.validation.Check;

/**
 * The body of {@code POST /clusters/{clusterId}/rollback}.
 *
 * @param by       who asks (required, at most 256 characters)
 * @param reason   why (required)
 * @param snapshot the snapshot to restore, a file name in the cluster's backup directory (absent: the newest verified
 *                 one)
 * @param dryRun   walk the rollback without touching anything (absent: false)
 */
public record RollbackRequest(String by, String reason, String snapshot, Boolean dryRun) {

    public RollbackRequest {
        Check.text("by", by);
        Check.text("reason", reason);
        Check.optionalId("snapshot", snapshot);
        dryRun = Boolean.TRUE.equals(dryRun);
    }
}
