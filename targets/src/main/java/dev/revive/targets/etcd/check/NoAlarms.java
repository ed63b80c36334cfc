package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.etcd.MemberAlarm;
import dev.revive.targets.kind.CheckFinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * No alarm is active ({@code NOSPACE}: a member's database reached its quota and the cluster refuses writes;
 * {@code CORRUPT}: a member's data was found to differ). The alarm list is the cluster's, so the first answering
 * member that answers it is asked.
 */
final class NoAlarms extends AnsweringMembersCheck {

    private static final String EXPECTED = "no active alarm (NOSPACE, CORRUPT) on any member";

    NoAlarms() {
        super("no-alarms", CheckFinding.Kind.HEALTH, context -> EXPECTED);
    }

    @Override
    CheckResult judge(List<MemberReading> answering, CheckContext context) {
        Map<String, String> evidence = new LinkedHashMap<>();
        for (MemberReading asked : answering) {
            Read<List<MemberAlarm>> alarms = context.reader().alarms(asked.member());
            if (!alarms.ok()) {
                evidence.put(asked.nodeId(), "no alarm list: " + Evidence.clip(alarms.error()));
                continue;
            }
            evidence.put("asked", asked.nodeId());
            alarms.value().forEach(alarm -> evidence.merge(nodeOf(alarm.memberId(), answering), alarm.type(),
                    (one, other) -> one + ", " + other));
            if (alarms.value().isEmpty()) {
                return result(CheckStatus.PASS, "no active alarm (asked " + asked.nodeId() + ")", EXPECTED, evidence);
            }
            return result(CheckStatus.FAIL, "active alarm(s): " + alarms.value().stream()
                    .map(alarm -> alarm.type() + " on " + nodeOf(alarm.memberId(), answering))
                    .collect(Collectors.joining(", ")), EXPECTED, evidence);
        }
        return result(CheckStatus.ERROR, "no answering member gave its alarm list", EXPECTED, evidence);
    }

    /** The node id of a member id when an answering member has it, else the id in hex. */
    private static String nodeOf(long memberId, List<MemberReading> answering) {
        return answering.stream().filter(reading -> reading.memberId() == memberId).map(MemberReading::nodeId)
                .findFirst().orElse(Long.toHexString(memberId));
    }
}
