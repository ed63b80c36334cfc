package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.CheckFinding;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A check that judges the members that answered (their leader, indexes, hashes). When none answered there is
 * nothing to judge: the check could not run, an ERROR that says "no member answered".
 */
abstract class AnsweringMembersCheck extends EtcdCheck {

    private final Function<CheckContext, String> expected;

    /**
     * @param name     the check's name in reports
     * @param kind     what a failure of the check means for the verdict
     * @param expected what the check expects in a round, in words
     */
    AnsweringMembersCheck(String name, CheckFinding.Kind kind, Function<CheckContext, String> expected) {
        super(name, kind);
        this.expected = expected;
    }

    @Override
    final CheckResult run(CheckContext context) {
        List<MemberReading> answering = context.answering();
        if (answering.isEmpty()) {
            return result(CheckStatus.ERROR, "no member answered", expected(context), Map.of());
        }
        return judge(answering, context);
    }

    /** What the check expects in the round of {@code context}, in words. */
    final String expected(CheckContext context) {
        return expected.apply(context);
    }

    /** Judges the readings of the members that answered; there is at least one. */
    abstract CheckResult judge(List<MemberReading> answering, CheckContext context);
}
