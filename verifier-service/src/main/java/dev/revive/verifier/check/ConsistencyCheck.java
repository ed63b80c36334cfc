package dev.revive.verifier.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import java.util.Map;

/** One verification check of a cluster. Implementations are stateless and never throw for a silent member. */
public interface ConsistencyCheck {

    /** What a failure of the check means for the verdict. */
    enum Kind {
        /** The cluster is not whole: a member is missing, lagging or leaderless. */
        HEALTH,
        /** The replicas' data disagree. */
        DATA
    }

    /** The check's name in reports, e.g. {@code hash-kv-equal}. */
    String name();

    Kind kind();

    /** Runs the check on one round's readings. */
    CheckResult run(CheckContext context);

    /** The result of a check that needs answering members when none answered: it could not run. */
    static CheckResult noMemberAnswered(String name, String expected) {
        return new CheckResult(name, CheckStatus.ERROR, "no member answered", expected, Map.of());
    }
}
