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
final class AppliedIndexClose extends AnsweringMembersCheck {

    AppliedIndexClose() {
        super("applied-index-lag", CheckFinding.Kind.HEALTH,
                context -> "lag at most " + context.tolerances().maxAppliedIndexLag());
    }

    @Override
    CheckResult judge(List<MemberReading> answering, CheckContext context) {
        LongSummaryStatistics indexes = answering.stream().mapToLong(MemberReading::raftIndex).summaryStatistics();
        long lag = indexes.getMax() - indexes.getMin();
        Map<String, String> evidence = Evidence.perMember(answering, MemberReading::nodeId,
                reading -> Long.toString(reading.raftIndex()));
        String observed = "largest lag " + lag + " (raft index " + indexes.getMin() + ".." + indexes.getMax() + ")";
        CheckStatus status = lag <= context.tolerances().maxAppliedIndexLag() ? CheckStatus.PASS : CheckStatus.FAIL;
        return result(status, observed, expected(context), evidence);
    }
}
