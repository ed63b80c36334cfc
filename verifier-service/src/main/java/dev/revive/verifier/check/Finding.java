package dev.revive.verifier.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;

/**
 * The result of one check together with what kind of check produced it.
 *
 * @param kind   health or data
 * @param result the check's result
 */
public record Finding(ConsistencyCheck.Kind kind, CheckResult result) {

    public boolean is(CheckStatus status) {
        return result.status() == status;
    }
}
