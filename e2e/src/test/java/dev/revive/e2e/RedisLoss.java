package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.RecoveryReport;

/** What a Redis report states about the writes a promotion may have lost (its {@code data-loss} check). */
final class RedisLoss {

    private static final String CHECK = "data-loss";

    private RedisLoss() {
    }

    /**
     * The bound in bytes the report's {@code data-loss} check states (its {@code boundBytes} evidence); fails the test
     * when the report has no such check or states no number.
     */
    static long statedBound(RecoveryReport report) {
        CheckResult check = report.checks().stream().filter(result -> result.name().equals(CHECK)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + CHECK + " check in " + report.checks()));
        String bound = check.evidence().get("boundBytes");
        assertThat(bound).as(CHECK + " evidence boundBytes: " + check).isNotNull().matches("[0-9]+");
        return Long.parseLong(bound);
    }
}
