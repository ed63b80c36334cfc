package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.CheckFinding;
import java.util.List;

/** Every member of the spec answers a status request. */
final class MembersAnswer extends EtcdCheck {

    MembersAnswer() {
        super("members-answer", CheckFinding.Kind.HEALTH);
    }

    @Override
    CheckResult run(CheckContext context) {
        List<MemberReading> readings = context.readings();
        List<MemberReading> silent = readings.stream().filter(reading -> !reading.answered()).toList();
        int answering = readings.size() - silent.size();
        String expected = readings.size() + " of " + readings.size() + " members answer";
        String observed = answering + " of " + readings.size() + " members answer"
                + (silent.isEmpty() ? "" : "; silent: " + Evidence.nodeIds(silent));
        CheckStatus status = silent.isEmpty() ? CheckStatus.PASS : answering == 0 ? CheckStatus.ERROR : CheckStatus.FAIL;
        return result(status, observed, expected, Evidence.statuses(readings));
    }
}
