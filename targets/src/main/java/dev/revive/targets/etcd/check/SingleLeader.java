package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.CheckFinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The answering members agree on one leader, and that leader answers too. */
final class SingleLeader extends AnsweringMembersCheck {

    private static final String EXPECTED = "every answering member names the same leader, which answers";

    SingleLeader() {
        super("single-leader", CheckFinding.Kind.HEALTH, context -> EXPECTED);
    }

    @Override
    CheckResult judge(List<MemberReading> answering, CheckContext context) {
        Map<String, String> evidence = Evidence.perMember(answering, MemberReading::nodeId,
                reading -> "leader=" + nameOf(reading.leaderId(), answering) + " term=" + reading.raftTerm());
        Set<Long> leaders = answering.stream().map(MemberReading::leaderId).collect(Collectors.toSet());
        if (leaders.size() != 1) {
            return fail("members name " + leaders.size() + " different leaders", evidence);
        }
        long leaderId = leaders.iterator().next();
        if (leaderId == 0) {
            return fail("no member knows a leader", evidence);
        }
        Optional<MemberReading> leader = byMemberId(leaderId, answering);
        if (leader.isEmpty()) {
            return fail("the leader " + nameOf(leaderId, answering) + " does not answer", evidence);
        }
        return result(CheckStatus.PASS, leader.get().nodeId() + " is leader, seen by " + answering.size()
                + " answering member(s) at term " + leader.get().raftTerm(), EXPECTED, evidence);
    }

    private CheckResult fail(String observed, Map<String, String> evidence) {
        return result(CheckStatus.FAIL, observed, EXPECTED, evidence);
    }

    private static Optional<MemberReading> byMemberId(long memberId, List<MemberReading> answering) {
        return answering.stream().filter(reading -> reading.memberId() == memberId).findFirst();
    }

    private static String nameOf(long memberId, List<MemberReading> answering) {
        if (memberId == 0) {
            return "none";
        }
        return byMemberId(memberId, answering).map(MemberReading::nodeId).orElse(Long.toHexString(memberId));
    }
}
