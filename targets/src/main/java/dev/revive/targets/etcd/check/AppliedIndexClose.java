package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.CheckFinding;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;

/**
 * The answering members' raft indexes lie within the policy's {@code maxAppliedIndexLag} of the
 * highest one. jetcd exposes the raft index, not the applied index; it is the closest measure.
 */
final class AppliedIndexClose implements EtcdCheck {

    public static final String NAME = "applied-index-lag";

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
        long maxLag = context.tolerances().maxAppliedIndexLag();
        String expected = "lag at most " + maxLag;
        List<MemberReading> answering = context.answering();
        if (answering.isEmpty()) {
            return EtcdCheck.noMemberAnswered(NAME, expected);
        }
        LongSummaryStatistics indexes = answering.stream().mapToLong(MemberReading::raftIndex).summaryStatistics();
        long lag = indexes.getMax() - indexes.getMin();
        Map<String, String> evidence = Evidence.perMember(answering, MemberReading::nodeId,
                reading -> Long.toString(reading.raftIndex()));
        String observed = "largest lag " + lag + " (raft index " + indexes.getMin() + ".." + indexes.getMax() + ")";
        return new CheckResult(NAME, lag <= maxLag ? CheckStatus.PASS : CheckStatus.FAIL, observed, expected, evidence);
    }
}
