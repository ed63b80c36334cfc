package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.etcd.EtcdKey;
import dev.revive.targets.etcd.KeyRange;
import dev.revive.targets.kind.CheckFinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A sampled key-by-key comparison of the answering members ({@link KeySample}): each member read on its own endpoint
 * with serializable reads at one common revision ({@link CommonRevision}), the keys, their mod revisions and their
 * values (compared by sha256) must be the same everywhere. A read that fails (a member stops answering, a compaction
 * passes the revision) is retried at a fresh common revision, up to the request's hash attempts.
 */
final class KeysMatch extends AnsweringMembersCheck {

    private static final String EXPECTED = "the sampled keys, mod revisions and values equal on every answering member";

    KeysMatch() {
        super("keys-match", CheckFinding.Kind.DATA, context -> EXPECTED);
    }

    @Override
    CheckResult judge(List<MemberReading> answering, CheckContext context) {
        String problem = "";
        for (int attempt = 1; attempt <= context.hashAttempts(); attempt++) {
            Read<Long> revision = CommonRevision.of(answering, context, attempt);
            if (!revision.ok()) {
                problem = revision.error();
                continue;
            }
            Member reference = answering.get(0).member();
            Read<List<KeyRange>> windows = KeySample.windows(context.reader(), reference, revision.value());
            if (!windows.ok()) {
                problem = reference.nodeId() + " gave no sample: " + Evidence.clip(windows.error());
                continue;
            }
            Read<Map<String, List<KeyRange.Entry>>> held = KeyComparison.readAll(context.reader(), answering,
                    windows.value());
            if (held.ok()) {
                return compare(held.value(), revision.value(), windows.value().size());
            }
            problem = held.error();
        }
        return result(CheckStatus.ERROR, problem + " (after " + context.hashAttempts() + " attempt(s))", EXPECTED,
                Map.of());
    }

    private CheckResult compare(Map<String, List<KeyRange.Entry>> held, long revision, int windows) {
        List<EtcdKey> differing = KeyComparison.differing(List.copyOf(held.values()));
        int sampled = held.values().iterator().next().size();
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("sample", sampled + " key(s) in " + windows + " window(s) at revision " + revision);
        held.forEach((nodeId, entries) -> evidence.put(nodeId, entries.size() + " key(s)"));
        if (differing.isEmpty()) {
            return result(CheckStatus.PASS, sampled + " sampled key(s) equal on " + held.size()
                    + " member(s) at revision " + revision, EXPECTED, evidence);
        }
        differing.stream().limit(KeyComparison.SHOWN).forEach(key -> evidence.put("key " + key, held.entrySet()
                .stream().map(entry -> entry.getKey() + ": " + KeyComparison.holding(entry.getValue(), key))
                .collect(Collectors.joining("; "))));
        return result(CheckStatus.FAIL, differing.size() + " of the sampled key(s) differ at revision " + revision
                + ": " + KeyComparison.first(differing), EXPECTED, evidence);
    }
}
