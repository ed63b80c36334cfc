package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.CheckFinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every answering member has the same key-value hash at one common revision.
 *
 * <p>The first attempt hashes every member at its latest revision; when that is one revision on
 * all of them (a quiet cluster) the hashes compare at once. Otherwise the next attempt hashes all
 * at the lowest revision seen, which every member has reached, provided it lies above every
 * member's compacted revision; else at the latest again. Hashes only compare when the compacted
 * revisions are equal too, because etcd hashes the history from the compacted revision on. A
 * hash that differs at a common revision and compaction is a real divergence.
 */
final class HashKvEqual extends AnsweringMembersCheck {

    private static final String EXPECTED = "one hash at one common revision on every answering member";

    HashKvEqual() {
        super("hash-kv-equal", CheckFinding.Kind.DATA, context -> EXPECTED);
    }

    @Override
    CheckResult judge(List<MemberReading> answering, CheckContext context) {
        List<Member> members = answering.stream().map(MemberReading::member).toList();
        long revision = MemberReader.LATEST;
        String problem = "";
        Map<String, String> evidence = Map.of();
        for (int attempt = 1; attempt <= context.hashAttempts(); attempt++) {
            long target = revision;
            List<HashReading> hashes = members.stream().map(member -> context.reader().hash(member, target)).toList();
            evidence = evidence(hashes);
            Optional<HashReading> failed = hashes.stream().filter(hash -> !hash.ok()).findFirst();
            if (failed.isPresent()) {
                problem = failed.get().member().nodeId() + " gave no hash: " + Evidence.clip(failed.get().error());
                revision = MemberReader.LATEST;
            } else if (isCommon(hashes)) {
                return compare(hashes, evidence);
            } else {
                problem = "no common revision and compaction: " + spread(hashes);
                revision = nextRevision(hashes);
            }
        }
        return error(problem + " (after " + context.hashAttempts() + " attempt(s))", evidence);
    }

    private static boolean isCommon(List<HashReading> hashes) {
        return hashes.stream().map(hash -> hash.revision() + "/" + hash.compactRevision()).distinct().count() == 1;
    }

    private CheckResult compare(List<HashReading> hashes, Map<String, String> evidence) {
        HashReading first = hashes.get(0);
        Map<String, List<String>> byHash = hashes.stream().collect(Collectors.groupingBy(HashReading::hashText,
                java.util.LinkedHashMap::new, Collectors.mapping(hash -> hash.member().nodeId(), Collectors.toList())));
        if (byHash.size() == 1) {
            return result(CheckStatus.PASS, "hash " + first.hashText() + " at revision " + first.revision() + " on "
                    + hashes.size() + " member(s)", EXPECTED, evidence);
        }
        return result(CheckStatus.FAIL, "hashes differ at revision " + first.revision() + ": " + byHash, EXPECTED,
                evidence);
    }

    /** The lowest revision seen, if it lies above every compacted revision; else the latest. */
    private static long nextRevision(List<HashReading> hashes) {
        long lowest = hashes.stream().mapToLong(HashReading::revision).min().orElse(MemberReader.LATEST);
        long compacted = hashes.stream().mapToLong(HashReading::compactRevision).max().orElse(0);
        return lowest > compacted ? lowest : MemberReader.LATEST;
    }

    private static String spread(List<HashReading> hashes) {
        return hashes.stream()
                .map(hash -> hash.member().nodeId() + "@" + hash.revision() + "/compact " + hash.compactRevision())
                .collect(Collectors.joining(", "));
    }

    private static Map<String, String> evidence(List<HashReading> hashes) {
        return Evidence.perMember(hashes, hash -> hash.member().nodeId(), hash -> hash.ok()
                ? "hash=" + hash.hashText() + " revision=" + hash.revision() + " compact=" + hash.compactRevision()
                : "no hash: " + Evidence.clip(hash.error()));
    }

    private CheckResult error(String observed, Map<String, String> evidence) {
        return result(CheckStatus.ERROR, observed, EXPECTED, evidence);
    }
}
