package dev.revive.planner.api;

import dev.revive.contracts.validation.Check;

/**
 * The body of {@code POST /plans/{planId}/approve|reject}.
 *
 * @param by     who decides (required, at most 256 characters)
 * @param reason why (required)
 * @param dryRun with approve: run the plan as a dry run (absent: false)
 */
public record DecisionRequest(String by, String reason, Boolean dryRun) {

    public DecisionRequest {
        Check.text("by", by);
        Check.text("reason", reason);
        dryRun = Boolean.TRUE.equals(dryRun);
    }
}
