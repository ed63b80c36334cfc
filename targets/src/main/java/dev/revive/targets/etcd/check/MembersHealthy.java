package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.etcd.LiveMember;
import dev.revive.targets.kind.CheckFinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every member of the live member list (asked of the first answering member that answers it) serves a bounded read,
 * as {@code etcdctl endpoint health} asks it, and every member of the spec is in that list. A spec member matches a
 * live one by name or by client URL; a live member is read at the spec's endpoint when it matches one, else at its
 * first client URL. A live member that is not in the spec is named in the evidence but does not fail the check.
 */
final class MembersHealthy extends AnsweringMembersCheck {

    private static final String EXPECTED = "every live member serves a read and every spec member is live";

    MembersHealthy() {
        super("members-healthy", CheckFinding.Kind.HEALTH, context -> EXPECTED);
    }

    @Override
    CheckResult judge(List<MemberReading> answering, CheckContext context) {
        Map<String, String> evidence = new LinkedHashMap<>();
        for (MemberReading asked : answering) {
            Read<List<LiveMember>> live = context.reader().membership(asked.member());
            if (live.ok()) {
                evidence.put("asked", asked.nodeId());
                return judge(live.value(), context, evidence);
            }
            evidence.put(asked.nodeId(), "no member list: " + Evidence.clip(live.error()));
        }
        return result(CheckStatus.ERROR, "no answering member gave the member list", EXPECTED, evidence);
    }

    private CheckResult judge(List<LiveMember> live, CheckContext context, Map<String, String> evidence) {
        List<String> problems = new ArrayList<>();
        for (LiveMember member : live) {
            Optional<Member> inSpec = specMember(member, context);
            String name = inSpec.map(Member::nodeId).orElse(member.started() ? member.name()
                    : Long.toHexString(member.id()));
            String role = member.learner() ? "learner, " : "";
            if (!member.started()) {
                problems.add(name + " was added but has not started");
                evidence.put(name, role + "added, not started");
                continue;
            }
            Member reached = inSpec.orElse(new Member(name, member.clientUrls().get(0)));
            Optional<String> unhealthy = context.reader().unhealthy(reached, member.learner());
            unhealthy.ifPresent(why -> problems.add(name + " is unhealthy"));
            evidence.put(name, role + unhealthy.map(why -> "unhealthy: " + Evidence.clip(why)).orElse("healthy")
                    + (inSpec.isEmpty() ? " (not in the spec)" : ""));
        }
        context.readings().stream().map(MemberReading::member)
                .filter(member -> live.stream().noneMatch(candidate -> matches(member, candidate)))
                .forEach(missing -> {
                    problems.add(missing.nodeId() + " is not in the live member list");
                    evidence.put(missing.nodeId(), "not a live member");
                });
        if (problems.isEmpty()) {
            return result(CheckStatus.PASS, live.size() + " live member(s), all healthy, every spec member among them",
                    EXPECTED, evidence);
        }
        return result(CheckStatus.FAIL, String.join("; ", problems), EXPECTED, evidence);
    }

    private static Optional<Member> specMember(LiveMember live, CheckContext context) {
        return context.readings().stream().map(MemberReading::member).filter(member -> matches(member, live))
                .findFirst();
    }

    private static boolean matches(Member member, LiveMember live) {
        return (live.started() && member.nodeId().equals(live.name())) || live.clientUrls().contains(member.endpoint());
    }
}
