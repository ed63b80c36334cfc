package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.CheckFinding;
import java.util.Map;

/** One verification check of an etcd cluster. Implementations are stateless and never throw for a silent member. */
interface EtcdCheck {

    /** The check's name in reports, e.g. {@code hash-kv-equal}. */
    String name();

    /** What a failure of the check means for the verdict. */
    CheckFinding.Kind kind();

    /** Runs the check on one round's readings. */
    CheckResult run(CheckContext context);

    /** The result of a check that needs answering members when none answered: it could not run. */
    static CheckResult noMemberAnswered(String name, String expected) {
        return new CheckResult(name, CheckStatus.ERROR, "no member answered", expected, Map.of());
    }
}
