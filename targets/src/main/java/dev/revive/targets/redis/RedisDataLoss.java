package dev.revive.targets.redis;

import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.TargetException;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import java.util.Optional;

/**
 * The verifier's {@value #DATA_LOSS} check: what the verified plan's PROMOTE recorded ({@link PromotionRecord}) as the
 * most acknowledged writes the promotion may have lost. PASS when the bound is 0 (a planned switchover, or a replica
 * that had everything the primary was last seen with); otherwise FAIL as a HEALTH finding (the cluster is whole and
 * its replicas agree, but writes may be gone: DEGRADED, never INCONSISTENT), also when the bound is unknown. SKIPPED
 * outside a plan or when the plan promoted nobody; ERROR when the record cannot be read.
 */
final class RedisDataLoss {

    /** The check's name. */
    static final String DATA_LOSS = "data-loss";

    private static final String EXPECTED = "no acknowledged write lost by a promotion";

    private RedisDataLoss() {
    }

    static CheckFinding check(CheckRequest request) {
        RedisEvidence evidence = new RedisEvidence();
        Optional<PromotionRecord> found;
        try {
            found = PromotionRecord.find(request.spec(), request.planId());
        } catch (TargetException e) {
            return evidence.finding(CheckFinding.Kind.HEALTH, DATA_LOSS, CheckStatus.ERROR, e.getMessage(), EXPECTED);
        }
        if (found.isEmpty()) {
            return evidence.finding(CheckFinding.Kind.HEALTH, DATA_LOSS, CheckStatus.SKIPPED, request.planId() == null
                    ? "no plan is verified" : "plan " + request.planId() + " promoted no replica", EXPECTED);
        }
        PromotionRecord record = found.get();
        evidence.put("from", record.from()).put("to", record.to()).put("chosenOffset", record.chosenOffset())
                .put("lastKnownPosition", record.lastKnownPosition() == null ? "unknown" : record.lastKnownPosition())
                .put("boundBytes", record.boundBytes() == null ? "unknown" : record.boundBytes())
                .put("planned", record.planned()).put("others", record.others()).put("at", record.at());
        return evidence.finding(CheckFinding.Kind.HEALTH, DATA_LOSS,
                Long.valueOf(0).equals(record.boundBytes()) ? CheckStatus.PASS : CheckStatus.FAIL, observed(record),
                EXPECTED);
    }

    /** {@code at most 120 bytes of acknowledged writes lost (last known offset 1000, promoted r2 at 880)}. */
    static String observed(PromotionRecord record) {
        return record.boundInWords() + " of acknowledged writes lost (" + (record.planned() ? "primary offset "
                : "last known offset ") + (record.lastKnownPosition() == null ? "unknown"
                        : record.lastKnownPosition()) + ", promoted " + record.to() + " at " + record.chosenOffset()
                + ")";
    }
}
