package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.CheckFinding;
import java.util.List;

/** Every member of the spec answers a status request. */
final class MembersAnswer implements EtcdCheck {

    public static final String NAME = "members-answer";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckFinding.Kind kind() {
        return CheckFinding.Kind.HEALTH;
    }

    @Override
    public CheckResult run(CheckContext context) {
        List<MemberReading> readings = context.readings();
        List<MemberReading> silent = readings.stream().filter(reading -> !reading.answered()).toList();
        int answering = readings.size() - silent.size();
        String expected = readings.size() + " of " + readings.size() + " members answer";
        String observed = answering + " of " + readings.size() + " members answer"
                + (silent.isEmpty() ? "" : "; silent: " + Evidence.nodeIds(silent));
        CheckStatus status = silent.isEmpty() ? CheckStatus.PASS : answering == 0 ? CheckStatus.ERROR : CheckStatus.FAIL;
        return new CheckResult(NAME, status, observed, expected, Evidence.statuses(readings));
    }
}
